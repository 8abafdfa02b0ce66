import { describe, expect, it } from 'vitest';
import { sampleModel } from '../testing/modelFixture';
import { modelFromSafetensors, modelToSafetensors } from './modelSafetensors';
import { decodeSafetensors, encodeSafetensors } from './safetensors';

describe('model files', () => {
  it.each([
    ['dws', 'class'],
    ['nfn', 'regression'],
    ['mlp', 'class'],
    ['probe', 'class'],
    ['pixels', 'regression'],
  ] as const)('%s (%s): export → import is bit-exact', (kind, task) => {
    const m = sampleModel(kind, task);
    expect(modelFromSafetensors(modelToSafetensors(m))).toEqual(m);
  });

  it('a flattened MLP with per-weight statistics: export → import is bit-exact; other kinds keep per-tensor ones', () => {
    const P = 31; // dims [2, 4, 3, 1]
    const perWeight = {
      ...sampleModel('mlp'),
      mean: Float64Array.from({ length: P }, (_, i) => i / 5),
      std: Float64Array.from({ length: P }, (_, i) => 1 + i),
    };
    expect(modelFromSafetensors(modelToSafetensors(perWeight))).toEqual(perWeight);
    const dws = { ...sampleModel('dws'), mean: perWeight.mean, std: perWeight.std };
    expect(() => modelFromSafetensors(modelToSafetensors(dws))).toThrow(
      /"input.std" has 31 values, the architecture needs 6/,
    );
  });

  it('a DWS with a centred pool and head probes: export → import is bit-exact; head probes on an MLP are refused', () => {
    const m = sampleModel('dws', 'class', { headProbes: 5, centredPool: true });
    const back = modelFromSafetensors(modelToSafetensors(m));
    expect(back).toEqual(m);
    expect(back.spec).toMatchObject({ headProbes: 5, centredPool: true });
    // the offsets are a block of Θ: a file without them is another architecture
    expect(m.theta.length).toBeGreaterThan(sampleModel('dws', 'class', { headProbes: 5 }).theta.length);
    const { tensors, metadata } = decodeSafetensors(modelToSafetensors(sampleModel('mlp')));
    const architecture = JSON.stringify({ ...JSON.parse(metadata.architecture), headProbes: 5 });
    expect(() => modelFromSafetensors(encodeSafetensors(tensors, { ...metadata, architecture }))).toThrow(
      /"headProbes" .* belongs to a DWS or NFN reader only/,
    );
  });

  it('rejects Θ of the wrong size for the architecture, naming both', () => {
    const { tensors, metadata } = decodeSafetensors(modelToSafetensors(sampleModel()));
    const theta = tensors.get('theta')!;
    tensors.set('theta', {
      dtype: 'F32',
      shape: [theta.data.length - 1],
      data: new Float32Array(theta.data.length - 1),
    });
    expect(() => modelFromSafetensors(encodeSafetensors(tensors, metadata))).toThrow(
      /"theta" has \d+ values, the architecture needs \d+/,
    );
  });

  it('rejects a zoo file, an unknown architecture and a non-positive std', () => {
    const { tensors, metadata } = decodeSafetensors(modelToSafetensors(sampleModel()));
    expect(() => modelFromSafetensors(encodeSafetensors(tensors, { ...metadata, format: 'weightscape-zoo' }))).toThrow(
      /weightscape-zoo file, not a trained model/,
    );
    expect(() =>
      modelFromSafetensors(encodeSafetensors(tensors, { ...metadata, architecture: '{"kind":"cnn"}' })),
    ).toThrow(/architecture/);
    tensors.set('input.std', { dtype: 'F64', shape: [6], data: new Float64Array(6) });
    expect(() => modelFromSafetensors(encodeSafetensors(tensors, metadata))).toThrow(/input.std/);
  });
});
