/**
 * The bench page: runs one (workload, impl, B) given in the query string and leaves the JSON result in
 * `window.benchResult` (or `window.benchError`) for bench/run.mjs.
 */
import { profileStep, type ProfiledGraph } from './profile';
import { recipeCheck, type RecipeResult } from './recipeCheck';
import { benchTfjsW1 } from './tfjsW1';
import { benchWeightscapeW1 } from './weightscapeW1';
import { benchWeightscapeEpoch } from './weightscapeEpoch';
import { benchWeightscapeW2 } from './weightscapeW2';
import { benchWeightscapeMetaInit } from './weightscapeMetaInit';
import { benchWeightscapeZoo } from './weightscapeZoo';
import type { BenchResult, KernelShapes } from './workloads';
import type { AugmentationId } from '../src/weightspace/augmentations';

declare global {
  interface Window {
    benchResult?: BenchResult | BenchResult[] | RecipeResult | string;
    benchError?: string;
  }
}

const q = new URLSearchParams(location.search);
const impl = q.get('impl') ?? 'weightscape';
const batch = Number(q.get('B') ?? 128);
const minSteps = Number(q.get('minSteps') ?? 3);
const budgetMs = Number(q.get('budgetMs') ?? 10000);
const shapes = (q.get('shapes') ?? 'auto') as KernelShapes;

async function run(): Promise<BenchResult | BenchResult[] | RecipeResult | string> {
  if (impl === 'recipe') return recipeCheck();
  if (impl.startsWith('profile-')) return profileStep(impl.slice('profile-'.length) as ProfiledGraph, batch, shapes);
  if (impl === 'weightscape') return benchWeightscapeW1(batch, minSteps, budgetMs);
  if (impl === 'weightscape-w2-dws')
    return benchWeightscapeW2('dws', minSteps, budgetMs, Number(q.get('C') ?? 32), batch, shapes);
  if (impl === 'weightscape-w2-nfn')
    return benchWeightscapeW2('nfn', minSteps, budgetMs, Number(q.get('C') ?? 32), batch, shapes);
  if (impl === 'weightscape-epoch') return benchWeightscapeEpoch();
  if (impl.startsWith('weightscape-epoch-'))
    return benchWeightscapeEpoch(1000, impl.slice('weightscape-epoch-'.length) as AugmentationId | 'none');
  if (impl === 'weightscape-zoo') return benchWeightscapeZoo();
  if (impl === 'weightscape-metainit') return benchWeightscapeMetaInit();
  if (impl === 'tfjs-webgpu') return benchTfjsW1('webgpu', batch, minSteps, budgetMs);
  if (impl === 'tfjs-webgl') return benchTfjsW1('webgl', batch, minSteps, budgetMs);
  throw new Error(`unknown impl ${impl}`);
}

const out = document.getElementById('out')!;
run().then(
  (r) => {
    window.benchResult = r;
    out.textContent = typeof r === 'string' ? r : JSON.stringify(r);
  },
  (e: unknown) => {
    window.benchError = String(e);
    out.textContent = String(e);
  },
);
