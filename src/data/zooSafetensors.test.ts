import { describe, expect, it } from 'vitest';
import { zooOf } from '../testing/zooFixture';
import { mlpLayout } from '../weightspace/layout';
import { Rng } from '../weightspace/rng';
import { decodeSafetensors, encodeSafetensors, type Tensor } from './safetensors';
import { inrFromSafetensors, inrToSafetensors, zooFromSafetensors, zooToSafetensors } from './zooSafetensors';

const DIMS = [2, 4, 3, 1];
const P = mlpLayout(DIMS).paramCount; // 12 + 15 + 4 = 31

function sampleZoo(n = 5) {
  const rng = new Rng(3);
  const zoo = zooOf(
    DIMS,
    Float32Array.from({ length: n * P }, () => rng.symmetric(2)),
    Int32Array.from({ length: n }, (_, i) => i % 10),
    Uint8Array.from({ length: n }, (_, i) => i % 3),
  );
  zoo.psnr = Float32Array.from({ length: n }, () => 30 + rng.uniform() * 10);
  zoo.steps = Uint32Array.from({ length: n }, (_, i) => 100 + i);
  zoo.source = Int32Array.from({ length: n }, (_, i) => 1000 + i);
  zoo.recipe = { ...zoo.recipe, viewsPerImage: 2, stopPsnr: 40 };
  zoo.name = 'a zoo';
  zoo.createdAt = '2026-12-02T00:00:00.000Z';
  zoo.rejected = 2;
  zoo.wallMs = 1234.5;
  return zoo;
}

/** A zoo of `n` [2, 4, 3, 1] SIRENs as another tool writes it: `seq.*` tensors and int64 labels, nothing else. */
function foreignTensors(n: number): Record<string, Tensor> {
  const rng = new Rng(9);
  const tensors: Record<string, Tensor> = {
    labels: { dtype: 'I64', shape: [n], data: BigInt64Array.from({ length: n }, (_, i) => BigInt([3, 1, 4][i % 3])) },
  };
  [
    [4, 2],
    [3, 4],
    [1, 3],
  ].forEach(([o, i], k) => {
    tensors[`seq.${k}.weight`] = {
      dtype: 'F32',
      shape: [n, o, i],
      data: Float32Array.from({ length: n * o * i }, () => rng.symmetric(1)),
    };
    tensors[`seq.${k}.bias`] = {
      dtype: 'F32',
      shape: [n, o],
      data: Float32Array.from({ length: n * o }, () => rng.symmetric(1)),
    };
  });
  return tensors;
}

describe('zoo files', () => {
  it('export → import is bit-exact, every field', () => {
    const zoo = sampleZoo();
    expect(zooFromSafetensors(zooToSafetensors(zoo))).toEqual(zoo);
  });

  it('lays weights out as seq.{k}.weight [N, out, in] in PyTorch orientation, independently of the flat layout code', () => {
    const zoo = sampleZoo(2);
    const { tensors, metadata } = decodeSafetensors(zooToSafetensors(zoo));
    // network 1, layer 1 (3×4): W1 starts after W0 (4×2) and b0 (4); entry (row 2, col 1) is at 12 + 2·4 + 1
    expect(tensors.get('seq.1.weight')!.shape).toEqual([2, 3, 4]);
    expect(tensors.get('seq.1.weight')!.data[12 + 2 * 4 + 1]).toBe(zoo.params[P + 12 + 2 * 4 + 1]);
    expect(tensors.get('seq.2.bias')!.data[1]).toBe(zoo.params[2 * P - 1]);
    expect(metadata.dims).toBe('[2,4,3,1]');
    expect(metadata.omega0).toBe('30');
    expect(metadata.output_offset).toBe('0.5');
  });

  it("reads another tool's zoo: seq.* and int64 labels, no split (all train), no psnr", () => {
    const tensors = foreignTensors(3);
    const bytes = encodeSafetensors(tensors, { dims: '[2, 4, 3, 1]', omega0: '30' });
    const notices: string[] = [];
    const zoo = zooFromSafetensors(bytes, 'theirs.safetensors', notices);
    expect(zoo.count).toBe(3);
    expect(Array.from(zoo.labels)).toEqual([3, 1, 4]);
    expect(Array.from(zoo.split)).toEqual([0, 0, 0]);
    expect(zoo.name).toBe('theirs.safetensors');
    expect(zoo.params[P + 12 + 5]).toBe(tensors['seq.1.weight'].data[12 + 5]);
    expect(notices).toEqual([]);
  });

  it('reads dims written as a comma list, and a zoo with no metadata at all (dims from the shapes, ω0 = 30, said)', () => {
    const tensors = foreignTensors(3);
    const listed = zooFromSafetensors(encodeSafetensors(tensors, { dims: '2,4, 3,1', omega0: '25' }));
    expect(listed.recipe.dims).toEqual(DIMS);
    expect(listed.recipe.omega0).toBe(25);
    const notices: string[] = [];
    const bare = zooFromSafetensors(encodeSafetensors(tensors, {}), 'bare.safetensors', notices);
    expect(bare.recipe.dims).toEqual(DIMS);
    expect(bare.recipe.omega0).toBe(30);
    expect(bare.params).toEqual(listed.params);
    expect(notices).toEqual([
      'no "dims" in the file\'s metadata: [2, 4, 3, 1], from the weights\' shapes',
      "no \"omega0\" in the file's metadata: read as ω0 = 30, SIREN's and DWSNets' value",
    ]);
  });

  it.each([
    [
      'dims that disagree with the shapes',
      { dims: '2,4,4,1' },
      /metadata "dims" is 2,4,4,1, but the weights' shapes give \[2, 4, 3, 1\]/,
    ],
    ['dims that are neither JSON nor a list', { dims: '2x4' }, /metadata "dims" is not JSON/],
    ['a non-positive ω0', { omega0: '-3' }, /metadata "omega0" is "-3", not a positive number/],
  ])("refuses another tool's zoo with %s", (_, metadata, message) => {
    expect(() => zooFromSafetensors(encodeSafetensors(foreignTensors(3), metadata))).toThrow(message);
  });

  it('refuses layers that do not chain (a layer taking other inputs than the last one gives)', () => {
    const tensors = foreignTensors(3);
    tensors['seq.1.weight'] = { dtype: 'F32', shape: [3, 3, 5], data: new Float32Array(45) };
    expect(() => zooFromSafetensors(encodeSafetensors(tensors, {}))).toThrow(
      /"seq.1.weight" takes 5 inputs, but layer 0 gives 4/,
    );
  });

  it.each([
    ['a missing layer', (t: Map<string, unknown>) => t.delete('seq.2.bias'), /missing tensor "seq.2.bias"/],
    [
      'a wrong shape',
      (t: Map<string, unknown>) => t.set('seq.1.bias', { dtype: 'F32', shape: [5, 2], data: new Float32Array(10) }),
      /"seq.1.bias" has shape \[5, 2\], expected \[5, 3\]/,
    ],
    [
      'a wrong dtype',
      (t: Map<string, unknown>) => t.set('psnr', { dtype: 'F64', shape: [5], data: new Float64Array(5) }),
      /"psnr" is F64, expected F32/,
    ],
    [
      'a label out of range',
      (t: Map<string, unknown>) => t.set('labels', { dtype: 'I32', shape: [5], data: Int32Array.of(0, 1, 2, 3, 10) }),
      /"labels" has value 10/,
    ],
    [
      'NaN weights',
      (t: Map<string, unknown>) =>
        t.set('seq.0.bias', { dtype: 'F32', shape: [5, 4], data: new Float32Array(20).fill(NaN) }),
      /NaN/,
    ],
  ])('rejects %s with a message that names it', (_, mutate, message) => {
    const { tensors, metadata } = decodeSafetensors(zooToSafetensors(sampleZoo()));
    mutate(tensors as Map<string, unknown>);
    expect(() => zooFromSafetensors(encodeSafetensors(tensors, metadata))).toThrow(message);
  });

  it('rejects metadata it cannot render with', () => {
    const { tensors, metadata } = decodeSafetensors(zooToSafetensors(sampleZoo()));
    expect(() => zooFromSafetensors(encodeSafetensors(tensors, { ...metadata, omega0: 'abc' }))).toThrow(/omega0/);
    expect(() => zooFromSafetensors(encodeSafetensors(tensors, { ...metadata, dims: '[2,4,1]' }))).toThrow(
      /metadata "dims" is \[2,4,1\], but the weights' shapes give \[2, 4, 3, 1\]/,
    );
    expect(() => zooFromSafetensors(encodeSafetensors(tensors, { ...metadata, output_offset: '0' }))).toThrow(
      /output_offset/,
    );
    expect(() => zooFromSafetensors(encodeSafetensors(tensors, { ...metadata, recipe: '{"task":"x"}' }))).toThrow(
      /recipe/,
    );
  });
});

describe('INR files', () => {
  it('export → import is bit-exact; tensors carry no batch axis', () => {
    const rng = new Rng(1);
    const inr = {
      name: 'one',
      dims: DIMS,
      omega0: 30,
      params: Float32Array.from({ length: P }, () => rng.symmetric(1)),
    };
    const bytes = inrToSafetensors(inr);
    expect(inrFromSafetensors(bytes)).toEqual(inr);
    expect(decodeSafetensors(bytes).tensors.get('seq.0.weight')!.shape).toEqual([4, 2]);
  });

  it("reads a learned init's fit step size from its recorded recipe, and nothing from a recipe without a valid one", () => {
    const inr = { name: 'init', dims: DIMS, omega0: 30, params: new Float32Array(P) };
    const withRecipe = (metaInit: string) => inrFromSafetensors(inrToSafetensors(inr, { meta_init: metaInit }));
    expect(withRecipe(JSON.stringify({ innerLr: 2e-3, outerSteps: 3 })).fitLr).toBe(2e-3);
    for (const bad of ['{', JSON.stringify({ innerLr: -1 }), JSON.stringify({ innerLr: '2e-3' }), '{}'])
      expect(withRecipe(bad).fitLr, bad).toBeUndefined();
    expect(inrFromSafetensors(inrToSafetensors(inr)).fitLr).toBeUndefined();
  });

  it('says which file it got when given a zoo for an INR and the other way round', () => {
    expect(() => inrFromSafetensors(zooToSafetensors(sampleZoo()))).toThrow(/zoo file, not a single INR/);
    expect(() =>
      zooFromSafetensors(inrToSafetensors({ name: 'x', dims: DIMS, omega0: 30, params: new Float32Array(P) })),
    ).toThrow(/single-INR file/);
  });
});
