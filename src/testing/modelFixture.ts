/** A small trained-model record (random Θ and statistics) for the file tests. */
import type { TrainedModel } from '../models/trainedModel';
import { buildWsModel, initWsParams, readsOutputs, type WsModelKind, type WsModelSpec } from '../models/wsModel';
import { mlpLayout } from '../weightspace/layout';

export function sampleModel(
  kind: WsModelKind = 'dws',
  task: 'class' | 'regression' = 'class',
  extra: Pick<WsModelSpec, 'headProbes' | 'centredPool'> = {},
): TrainedModel {
  const dims = [2, 4, 3, 1];
  const probe = kind === 'probe';
  const outputs = readsOutputs(kind);
  const spec = {
    kind,
    depth: 2,
    channels: 3,
    outputs: task === 'class' ? 10 : 2,
    inputChannels: outputs ? 1 : 5,
    ...(probe ? { probes: 6 } : {}),
    ...extra,
  };
  const model = buildWsModel(mlpLayout(dims), spec);
  return {
    spec,
    dims,
    omega0: 30,
    task,
    theta: initWsParams(model, 4),
    frequencies: outputs ? new Float64Array(0) : Float64Array.of(0.3, -1.2),
    mean: Float64Array.from({ length: 6 }, (_, i) => i / 7),
    std: Float64Array.from({ length: 6 }, (_, i) => 1 + i / 3),
    valueMean: task === 'class' ? new Float64Array(0) : Float64Array.of(1, 2),
    valueStd: task === 'class' ? new Float64Array(0) : Float64Array.of(0.5, 3),
    training: '{"lr":0.005}',
  };
}
