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
