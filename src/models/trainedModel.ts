/**
 * A trained weight-space model as a self-contained record: what it reads (SIREN dims, ω0), how its input is prepared
 * (per-tensor normalisation, Fourier frequencies), its architecture and parameters Θ, and how its outputs read
 * (class logits, or standardised regression values). Everything `predict` needs, with no zoo beside it.
 */
import type { WsModelSpec } from './wsModel';

export interface TrainedModel {
  spec: WsModelSpec;
  /** the dims of the SIRENs it reads */
  dims: number[];
  omega0: number;
  /** 'edit': an editing model (its output Δ edits the INR it reads: spec.edit) */
  task: 'class' | 'regression' | 'edit';
  /** the edit an editing model learned (data/imageEdits.ts IMAGE_EDITS) */
  edit?: string;
  /** Θ in the graph's parameter layout (models/gatherTable.ts ParamAllocator, alignment gaps included) */
  theta: Float32Array;
  /** Gaussian Fourier frequencies of the input (empty: the raw weight) */
  frequencies: Float64Array;
  /** per-tensor normalisation of the input, x ← (x − mean[t]) / std[t], one entry per weight / bias tensor */
  mean: Float64Array;
  std: Float64Array;
  /** regression: value = z · valueStd + valueMean (empty for classification) */
  valueMean: Float64Array;
  valueStd: Float64Array;
  /** the training recipe, as JSON (for the record; not needed to predict) */
  training: string;
}
