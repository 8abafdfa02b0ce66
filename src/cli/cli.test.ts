/**
 * The CLI as scripts use it (`node scripts/ws.mjs …`, Dawn on this machine's Vulkan driver): exit codes and messages
 * for bad command lines and bad files, --json, and sharded generation merged into the unsharded zoo, bit for bit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors, encodeSafetensors, type Tensor } from '../data/safetensors';
import { Rng } from '../weightspace/rng';

const dir = mkdtempSync(join(tmpdir(), 'ws-cli-'));
const ws = (...args: string[]) => spawnSync(process.execPath, ['scripts/ws.mjs', ...args], { encoding: 'utf8' });

describe('ws CLI', { timeout: 240_000 }, () => {
  it('learns an init and makes a zoo from it: the zoo names the init by its checksum', () => {
    const init = join(dir, 'init.safetensors');
    const made = ws(
      'metainit',
      '--outer',
      '2',
      '--inner',
      '2',
      '--meta-batch',
      '4',
      '--curve-images',
      '0',
      '--out',
      init,
      '--json',
    );
    expect(made.status, made.stderr).toBe(0);
    const result = JSON.parse(made.stdout) as { name: string; checksum: string; recipe: { innerLr: number } };
    expect(result.recipe.innerLr).toBe(2e-3);
    expect(decodeSafetensors(readFileSync(init)).metadata).toMatchObject({
      format: 'weightscape-inr',
      checksum: result.checksum,
    });
    const zoo = join(dir, 'from-init.safetensors');
    const z = ws('zoo', '--count', '10', '--steps', '3', '--init', init, '--out', zoo, '--json');
    expect(z.status, z.stderr).toBe(0);
    const recipeOf = (file: string) =>
      JSON.parse(decodeSafetensors(readFileSync(file)).metadata.recipe) as { learnedInit: unknown; lr: number };
    expect(recipeOf(zoo).learnedInit).toEqual({ name: result.name, checksum: result.checksum });
    // the fits take the step size the init was meta-trained for, unless --lr says otherwise
    expect(recipeOf(zoo).lr).toBe(2e-3);
    const slower = join(dir, 'from-init-lr.safetensors');
    const s = ws('zoo', '--count', '10', '--steps', '3', '--init', init, '--lr', '5e-4', '--out', slower, '--json');
    expect(s.status, s.stderr).toBe(0);
    expect(recipeOf(slower).lr).toBe(5e-4);
  });

  it('says what is wrong with a command line (exit 2) before starting the GPU', () => {
    for (const [args, message] of [
      [['frobnicate'], /unknown command "frobnicate"/],
      [['zoo', '--count', 'ten', '--out', 'x'], /--count ten: expected an integer/],
      [['zoo', '--count', '10'], /--out is required/],
      [['zoo', '--shard', '3/3', '--out', 'x'], /--shard 3\/3: expected i\/n/],
      [['train', '--zoo', 'z', '--model', 'cnn', '--out', 'm'], /--model cnn: expected one of dws, nfn, mlp/],
      [['zoo', '--init', 'i.safetensors', '--shared-init', '--out', 'x'], /--init and --shared-init: pick one/],
      [['metainit', '--curve-images', '15', '--out', 'x'], /--curve-images 15: expected a multiple of 10/],
      [['metainit', '--dataset', 'cifar', '--out', 'x'], /--dataset cifar: expected one of mnist, fmnist/],
      [['metainit', '--inner-lr', '2', '--out', 'x'], /--inner-lr 2: expected a number in \(0, 1\)/],
      [['zoo', '--lr', 'fast', '--out', 'x'], /--lr fast: expected a number in \(0, 1\)/],
      [['curve', '--zoo', 'z', '--epochs', '0'], /--epochs 0: expected an integer in 1…10000/],
      [['train', '--zoo', 'z', '--model', 'dws', '--normalisation', 'weight', '--out', 'm'], /only the flattened MLP/],
      [['train', '--zoo', 'z', '--model', 'mlp', '--head-probes', '8', '--out', 'm'], /only a DWS or NFN reads probe/],
      [
        ['train', '--zoo', 'z', '--model', 'mlp', '--normalisation', 'layer', '--out', 'm'],
        /expected one of tensor, weight/,
      ],
    ] as const) {
      const r = ws(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('names a missing or corrupt input file (exit 3), also as JSON', () => {
    writeFileSync(join(dir, 'bad.safetensors'), Buffer.from([1, 2, 3]));
    const missing = ws('render', '--zoo', join(dir, 'nope.safetensors'), '--out', join(dir, 'x.png'));
    expect([missing.status, missing.stderr]).toEqual([3, expect.stringMatching(/nope.safetensors: no such file/)]);
    const corrupt = ws(
      'eval',
      '--model',
      join(dir, 'bad.safetensors'),
      '--zoo',
      join(dir, 'bad.safetensors'),
      '--json',
    );
    expect(corrupt.status).toBe(3);
    expect(JSON.parse(corrupt.stdout)).toEqual({
      error: expect.stringMatching(/bad.safetensors: not a safetensors file: 3 bytes/),
      exitCode: 3,
    });
  });

  it("trains, evaluates and renders another tool's zoo: seq.* float32, int64 labels, metadata dims and omega0 only", () => {
    const dims = [2, 8, 8, 1];
    const n = 20;
    const rng = new Rng(8);
    const tensors: Record<string, Tensor> = {
      labels: { dtype: 'I64', shape: [n], data: BigInt64Array.from({ length: n }, (_, i) => BigInt(i % 10)) },
    };
    for (let k = 0; k < 3; k++) {
      tensors[`seq.${k}.weight`] = {
        dtype: 'F32',
        shape: [n, dims[k + 1], dims[k]],
        data: Float32Array.from({ length: n * dims[k + 1] * dims[k] }, () => rng.symmetric(1)),
      };
      tensors[`seq.${k}.bias`] = {
        dtype: 'F32',
        shape: [n, dims[k + 1]],
        data: Float32Array.from({ length: n * dims[k + 1] }, () => rng.symmetric(1)),
      };
    }
    writeFileSync(
      join(dir, 'theirs.safetensors'),
      encodeSafetensors(tensors, { dims: JSON.stringify(dims), omega0: '30' }),
    );
    const train = ws(
      'train',
      '--zoo',
      join(dir, 'theirs.safetensors'),
      '--model',
      'nfn',
      '--epochs',
      '1',
      '--channels',
      '2',
      '--out',
      join(dir, 'theirs-model.safetensors'),
    );
    expect(train.status, train.stderr).toBe(0);
    const evaluated = ws(
      'eval',
      '--model',
      join(dir, 'theirs-model.safetensors'),
      '--zoo',
      join(dir, 'theirs.safetensors'),
      '--json',
    );
    expect(evaluated.status, evaluated.stderr).toBe(0);
    const result = JSON.parse(evaluated.stdout) as { count: number; predictions: number[]; agreementPermuted: number };
    expect([result.count, result.predictions.length]).toEqual([n, n]);
    expect(result.agreementPermuted).toBe(1); // NFN is permutation invariant
    const render = ws(
      'render',
      '--zoo',
      join(dir, 'theirs.safetensors'),
      '--index',
      '3',
      '--size',
      '16',
      '--out',
      join(dir, 'theirs.png'),
    );
    expect(render.status, render.stderr).toBe(0);
    expect(readFileSync(join(dir, 'theirs.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('zoo --shard i/n twice, then merge: the same file as one unsharded run (but for dates and times)', () => {
    const common = ['zoo', '--task', 'sine', '--count', '9', '--steps', '25', '--seed', '4'];
    const runs = [
      ws(...common, '--out', join(dir, 'whole.safetensors'), '--json'),
      ws(...common, '--shard', '1/2', '--out', join(dir, 'b.safetensors')),
      ws(...common, '--shard', '0/2', '--out', join(dir, 'a.safetensors')),
      ws('merge', join(dir, 'b.safetensors'), join(dir, 'a.safetensors'), '--out', join(dir, 'merged.safetensors')),
    ];
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(runs[0].stdout)).toMatchObject({ count: 9, shard: null });
    const whole = decodeSafetensors(readFileSync(join(dir, 'whole.safetensors')));
    const merged = decodeSafetensors(readFileSync(join(dir, 'merged.safetensors')));
    expect([...merged.tensors.keys()].sort()).toEqual([...whole.tensors.keys()].sort());
    for (const [name, t] of whole.tensors) expect(merged.tensors.get(name), name).toEqual(t);
    const { created_at: _a, wall_ms: _b, ...meta } = whole.metadata;
    expect(merged.metadata).toMatchObject(meta);
    const render = ws('render', '--zoo', join(dir, 'merged.safetensors'), '--out', join(dir, 'x.png'));
    expect([render.status, render.stderr]).toEqual([3, expect.stringMatching(/render draws grey images/)]);
  });
});
