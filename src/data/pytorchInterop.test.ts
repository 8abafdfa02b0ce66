/**
 * An exported zoo read by PyTorch through README's own snippet ("Load a zoo in PyTorch"), rendering INR 0 at 28×28:
 * PyTorch's render must match the project's CPU twin to 1e-5, and README's Dataset must see the training split.
 * Needs a python3 with torch (Debian: python3-torch); without one the test is skipped with the reason printed,
 * except under CI=true, where it fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { imageGrid, initSirenBatch } from '../models/siren';
import { sirenForward } from '../reference/siren';
import { zooOf } from '../testing/zooFixture';
import { zooToSafetensors } from './zooSafetensors';
import { onCi } from '../testing/python';
import { torchPython } from '../testing/torchPython';

const python = torchPython;

// CI must have torch (.ci/run installs it): there a missing torch fails instead of skipping the interop tests
it.runIf(onCi && !python)('CI has a python3 with torch for the interop test', () => {
  expect.fail("CI=true but no python3 with torch found: .ci/run installs Debian's python3-torch");
});

/** The ```python blocks of README's "Load a zoo in PyTorch" section, in order. */
function readmeSnippets(): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Load a zoo in PyTorch'), readme.indexOf('### The command line'));
  return [...section.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
}

it.skipIf(!python)(
  "PyTorch renders an exported zoo's INR as the project does (≤ 1e-5), through README's snippet",
  () => {
    const dims = [2, 32, 32, 1];
    const n = 4;
    // SIREN-initialised weights (ω0 = 30): arguments of sin up to ~±30, as in fitted INRs
    const zoo = zooOf(
      dims,
      initSirenBatch({ dims, omega0: 30 }, n, 11),
      Int32Array.of(7, 1, 2, 3),
      Uint8Array.of(0, 0, 2, 0),
    );
    const dir = mkdtempSync(join(tmpdir(), 'ws-torch-'));
    writeFileSync(join(dir, 'zoo.safetensors'), zooToSafetensors(zoo));
    const script = `${readmeSnippets()}
import json as _json
_ds = ZooDataset('zoo.safetensors', 0)
_w, _label = _ds[0]
print(_json.dumps({'image': image.flatten().tolist(), 'train': len(_ds), 'label': _label, 'w1': _w['seq.1.weight'][3][5].item()}))
`;
    const run = spawnSync(python!, ['-c', script], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/Traceback/);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
      image: number[];
      train: number;
      label: number;
      w1: number;
    };
    expect(
      readmeSnippets()
        .split('\n')
        .filter((l) => l.trim()).length,
    ).toBeLessThanOrEqual(15 + 9); // render ≤ 15, Dataset 9
    const ours = sirenForward({ dims, omega0: 30 }, zoo.params.subarray(0, zoo.paramCount), imageGrid(28));
    expect(out.image).toHaveLength(28 * 28);
    const maxDiff = Math.max(...out.image.map((v, i) => Math.abs(v - ours[i])));
    console.log(`PyTorch vs CPU twin: max |Δ| = ${maxDiff.toExponential(2)}`);
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
    expect(Math.max(...ours) - Math.min(...ours)).toBeGreaterThan(0.1); // a render with structure, not a constant
    expect([out.train, out.label]).toEqual([3, 7]);
    // W1[3][5] of INR 0: the flat layout puts W1 after W0 (32×2) and b0 (32)
    expect(out.w1).toBe(zoo.params[64 + 32 + 3 * 32 + 5]);
  },
  60_000, // python3 imports torch first: seconds on a loaded 2-core machine
);
