// Block gradients of a gathered linear op: dΘ_block[c, o] = Σ_n Σ_terms coef · ddst[n, dst_row, o] · src[n, src_row, c]
// (src = 1 for a bias). A template like gather_linear.wgsl: the host prepends CO (the op's output channels), TV/V/LV
// for rows of CO, T0/T1/VS0/VS1/CH0/CH1 for the sources and at0/at1, and unrolls the `// @unroll` loops.
// One invocation per (block, input channel c): every output channel o in private accumulators, ddst read as vectors.
// Sums over n, then terms, in table order (reference/wsGraphTwin.ts blockGrads).

struct GradOp {
  batch: u32,
  ddst_rows: u32,
  rows0: u32,
  rows1: u32,
  items: u32,
};

struct BlockInfo {
  offset: u32,
  term_start: u32,
  term_end: u32,
};

struct GradTerm {
  dst_row: u32,
  src_row: i32,
  coef: f32,
};

@group(0) @binding(0) var<uniform> gop: GradOp;
@group(0) @binding(1) var<storage, read_write> dtheta: array<TV>;
@group(0) @binding(2) var<storage, read> ddst: array<TV>;
@group(0) @binding(3) var<storage, read> src0: array<T0>;
@group(0) @binding(4) var<storage, read> src1: array<T1>;
@group(0) @binding(5) var<storage, read> blocks: array<BlockInfo>;
@group(0) @binding(6) var<storage, read> items: array<vec2<u32>>;  // (block, c)
@group(0) @binding(7) var<storage, read> gterms: array<GradTerm>;

fn source_value(n: u32, row: u32, c: u32) -> f32 {
  if (row < gop.rows0) {
    let i = (n * gop.rows0 + row) * CH0 + c;
    return at0(src0[i / VS0], i % VS0);
  }
  let i = (n * gop.rows1 + row - gop.rows0) * CH1 + c;
  return at1(src1[i / VS1], i % VS1);
}

@compute @workgroup_size(64)
fn block_grad(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x >= gop.items) { return; }
  let item = items[gid.x];
  let b = blocks[item.x];
  let c = item.y;
  var acc: array<TV, LV>;
  for (var n = 0u; n < gop.batch; n++) {
    for (var t = b.term_start; t < b.term_end; t++) {
      let gt = gterms[t];
      var s = gt.coef;
      if (gt.src_row >= 0) { s *= source_value(n, u32(gt.src_row), c); }
      let g = (n * gop.ddst_rows + gt.dst_row) * LV;
      // @unroll
      for (var q = 0u; q < LV; q++) { acc[q] += ddst[g + q] * s; }
    }
  }
  let out = (b.offset + c * CO) / V;
  // @unroll
  for (var q = 0u; q < LV; q++) { dtheta[out + q] = acc[q]; }
}
