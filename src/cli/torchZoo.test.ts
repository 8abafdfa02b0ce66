/**
 * Zoos written by PyTorch (src/testing/fixtures/torch_zoo.py): one whose metadata says dims = "2,32,32,1" and
 * nothing of ω0, one with no metadata at all. Both read with dims from the weights' shapes and ω0 = 30 (said on
 * stderr), and both train, evaluate and render through the CLI.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zooFromSafetensors } from '../data/zooSafetensors';
import { torchPython } from '../testing/torchPython';

const ws = (...args: string[]) => spawnSync(process.execPath, ['scripts/ws.mjs', ...args], { encoding: 'utf8' });

describe.runIf(torchPython)('zoos written by PyTorch', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ws-torch-zoo-'));
  const count = 40;

  it('read with dims from the shapes and ω0 = 30, then train, evaluate and render through the CLI', () => {
    const made = spawnSync(torchPython!, ['src/testing/fixtures/torch_zoo.py', dir, String(count)], {
      encoding: 'utf8',
    });
    expect(made.status, made.stderr).toBe(0);
    const written = JSON.parse(made.stdout.trim().split('\n').at(-1)!) as { w1: number; labels: number[] };

    for (const name of ['listed', 'bare']) {
      const file = join(dir, `${name}.safetensors`);
      const notices: string[] = [];
      const zoo = zooFromSafetensors(readFileSync(file), `${name}.safetensors`, notices);
      expect(zoo.recipe.dims).toEqual([2, 32, 32, 1]);
      expect(zoo.recipe.omega0).toBe(30);
      expect([...zoo.labels]).toEqual(written.labels);
      // W1[5][7] of INR 3: after W0 (32×2) and b0 (32) in the flat layout
      expect(zoo.params[3 * zoo.paramCount + 64 + 32 + 5 * 32 + 7]).toBe(Math.fround(written.w1));
      expect(notices.some((n) => n.includes('no "omega0"'))).toBe(true);
      expect(notices.some((n) => n.includes('no "dims"'))).toBe(name === 'bare');

      const model = join(dir, `${name}-model.safetensors`);
      // 8 channels, not the MLP recipe's 64: the file is what is tested here, and SwiftShader takes a minute or more
      // to compile a 64-wide layer over the 1185 weights
      const train = ws('train', '--zoo', file, '--model', 'mlp', '--channels', '8', '--epochs', '2', '--out', model);
      expect(train.status, train.stderr).toBe(0);
      expect(train.stderr).toContain(`${file}: no "omega0" in the file's metadata: read as ω0 = 30`);
      const evaluated = ws('eval', '--model', model, '--zoo', file, '--json');
      expect(evaluated.status, evaluated.stderr).toBe(0);
      const result = JSON.parse(evaluated.stdout) as { count: number; predictions: number[] };
      expect([result.count, result.predictions.length]).toEqual([count, count]);
      const png = join(dir, `${name}.png`);
      const render = ws('render', '--zoo', file, '--index', '3', '--size', '28', '--out', png);
      expect(render.status, render.stderr).toBe(0);
      expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    }
  });
});
