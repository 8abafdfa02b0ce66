// Block gradients of a gathered linear op: dΘ_block[c, o] = Σ_n Σ_terms coef · ddst[n, dst_row, o] · src[n, src_row, c]
// (src = 1 for a bias). A template like gather_rows.wgsl: the host prepends CO (the op's output channels), TV/V/LV
// for rows of CO, T0/T1/CH0/CH1 for the sources, writes the body of source_quad (how a quad of channels is read:
// one vector load, or up to 4 scalars; from source 1 only when a block reads it) and unrolls the `// @unroll` loops.
// One workgroup per (block, CQ quads of input channels) and slice: the block's (network, term) pairs are cut into
// `slices` consecutive ranges (1 on a CPU adapter), and each of the WG invocations sums every WG-th pair of its range
// into private accumulators (TILE = 4·CQ input channels × LV output vectors, so each ddst vector loaded serves 4·CQ
// channels); the WG partial sums are then added in invocation order through workgroup memory. Built unsplit (the
// host's store, one slice), the sum is dΘ; built split, it is the slice's tile, and block_grad_reduce.wgsl adds the
// slices in order. Fixed order, no atomics: the same inputs give bit-identical gradients. WG, CQ and TILE come from the host.

struct GradOp {
  batch: u32,
  ddst_rows: u32,
  rows0: u32,
  rows1: u32,
  slices: u32,
};

struct BlockInfo {
  offset: u32,
  term_start: u32,
  term_end: u32,
  c_in: u32,
};

struct GradTerm {
  dst_row: u32,
  src_row: i32,
  coef: f32,
};

@group(0) @binding(0) var<uniform> gop: GradOp;
@group(0) @binding(1) var<storage, read_write> out: array<TV>;  // dΘ, or the slices' tiles [item, slice, TILE]
@group(0) @binding(2) var<storage, read> ddst: array<TV>;
@group(0) @binding(3) var<storage, read> src0: array<T0>;
@group(0) @binding(4) var<storage, read> src1: array<T1>;
@group(0) @binding(5) var<storage, read> blocks: array<BlockInfo>;
@group(0) @binding(6) var<storage, read> items: array<vec2<u32>>;  // (block, c4)
@group(0) @binding(7) var<storage, read> gterms: array<GradTerm>;

var<workgroup> shares: array<TV, WG * TILE>;

// channels 4·c4 .. 4·c4 + 3 of a source row (channels past the source's count read as 0)
fn source_quad(n: u32, row: u32, c4: u32) -> vec4<f32> {
  {{SOURCE_QUAD}}
}

@compute @workgroup_size(WG)
fn block_grad(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let item = items[wid.x];
  let b = blocks[item.x];
  let q0 = item.y * CQ;
  let terms = b.term_end - b.term_start;
  let count = gop.batch * terms;
  let per = (count + gop.slices - 1u) / gop.slices;
  let end = min(count, (wid.y + 1u) * per);
  var acc: array<TV, TILE>;
  for (var i = wid.y * per + lid; i < end; i += WG) {
    let n = i / terms;
    let gt = gterms[b.term_start + i % terms];
    var s: array<vec4<f32>, CQ>;
    if (gt.src_row >= 0) {
      // @unroll
      for (var j = 0u; j < CQ; j++) { s[j] = gt.coef * source_quad(n, u32(gt.src_row), q0 + j); }
    } else {
      // @unroll
      for (var j = 0u; j < CQ; j++) { s[j] = vec4<f32>(gt.coef); }
    }
    let g = (n * gop.ddst_rows + gt.dst_row) * LV;
    // @unroll
    for (var q = 0u; q < LV; q++) {
      let d = ddst[g + q];
      // @unroll
      for (var k = 0u; k < 4u * CQ; k++) { acc[k * LV + q] += d * s[k / 4u][k % 4u]; }
    }
  }
  // @unroll
  for (var e = 0u; e < TILE; e++) { shares[lid * TILE + e] = acc[e]; }
  workgroupBarrier();
  for (var e = lid; e < TILE; e += WG) {
    var sum = shares[e];
    for (var l = 1u; l < WG; l++) { sum += shares[l * TILE + e]; }
    {{STORE}}
  }
}
