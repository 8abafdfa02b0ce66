/**
 * The weight-space layout (docs/design.md §2): one network's parameters are one flat Float32Array in PyTorch
 * `nn.Linear` orientation, `W0 (d1×d0, row-major), b0 (d1), W1 (d2×d1), b1 (d2), ...`.
 * Every offset anywhere in the project is derived from here.
 */
export interface LayerSlice {
  /** number of inputs (columns of W) */
  readonly nIn: number;
  /** number of outputs (rows of W) */
  readonly nOut: number;
  /** offset of W (nOut×nIn, row-major) in the flat parameter vector */
  readonly weightOffset: number;
  /** offset of b (nOut) in the flat parameter vector */
  readonly biasOffset: number;
}

export interface MlpLayout {
  readonly dims: readonly number[];
  readonly layers: readonly LayerSlice[];
  /** parameters per network */
  readonly paramCount: number;
  /** weights (not biases) per network, Σ nIn·nOut: the multiply-adds of one forward pass per point */
  readonly weightCount: number;
  /** widest layer (inputs, hidden and outputs alike) */
  readonly maxWidth: number;
}

export function mlpLayout(dims: readonly number[]): MlpLayout {
  if (dims.length < 2) throw new Error(`an MLP needs at least input and output dims, got [${dims.join(', ')}]`);
  for (const d of dims) {
    if (!Number.isInteger(d) || d < 1)
      throw new Error(`layer widths must be positive integers, got [${dims.join(', ')}]`);
  }
  const layers: LayerSlice[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < dims.length; l++) {
    const nIn = dims[l];
    const nOut = dims[l + 1];
    layers.push({ nIn, nOut, weightOffset: offset, biasOffset: offset + nOut * nIn });
    offset += nOut * nIn + nOut;
  }
  const weightCount = layers.reduce((sum, l) => sum + l.nIn * l.nOut, 0);
  return { dims: [...dims], layers, paramCount: offset, weightCount, maxWidth: Math.max(...dims) };
}

/** SIREN dims `[inDim, width × depth, outDim]`. */
export function sirenDims(inDim: number, width: number, hiddenLayers: number, outDim: number): number[] {
  return [inDim, ...Array.from({ length: hiddenLayers }, () => width), outDim];
}
