// The gathered linear map of src/models/gatherTable.ts, its adjoint and its block gradients, and ReLU.
// Feature nodes are [batch, rows, channels] (channels last). A term is (row, blk, coef): row < 0 is a bias
// (Θ[blk + lane·stride_lane]), blk < 0 an identity (src[row, lane]), else a block Σ_k Θ[blk + k·stride_k +
// lane·stride_lane] · src[row, k]. Forward: stride_k = lanes, stride_lane = 1; adjoint: stride_k = 1,
// stride_lane = the forward output channels (the same block read transposed). Sums run in table order, so results
// are deterministic and match reference/wsGraphTwin.ts term for term.

struct Term {
  row: i32,
  blk: i32,
  coef: f32,
};

struct GatherOp {
  lanes: u32,        // channels of dst
  dst_rows: u32,
  rows0: u32,        // rows and channels of source 0 and source 1
  ch0: u32,
  rows1: u32,
  ch1: u32,
  stride_k: u32,
  stride_lane: u32,
  accumulate: u32,   // 1: dst += result
};

@group(0) @binding(0) var<uniform> op: GatherOp;
@group(0) @binding(1) var<storage, read> theta: array<f32>;
@group(0) @binding(2) var<storage, read> src0: array<f32>;
@group(0) @binding(3) var<storage, read> src1: array<f32>;
@group(0) @binding(4) var<storage, read_write> dst: array<f32>;
@group(0) @binding(5) var<storage, read> row_start: array<u32>;
@group(0) @binding(6) var<storage, read> terms: array<Term>;

// one invocation per (network gid.y, dst row, lane)
@compute @workgroup_size(64)
fn gather_linear(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let n = gid.y;
  if (i >= op.dst_rows * op.lanes) { return; }
  let r = i / op.lanes;
  let lane = i % op.lanes;
  var acc = 0.0;
  for (var t = row_start[r]; t < row_start[r + 1u]; t++) {
    let term = terms[t];
    var v = 0.0;
    if (term.row < 0) {
      v = theta[u32(term.blk) + lane * op.stride_lane];
    } else if (u32(term.row) < op.rows0) {
      let base = (n * op.rows0 + u32(term.row)) * op.ch0;
      if (term.blk < 0) {
        v = src0[base + lane];
      } else {
        let w = u32(term.blk) + lane * op.stride_lane;
        for (var k = 0u; k < op.ch0; k++) { v += theta[w + k * op.stride_k] * src0[base + k]; }
      }
    } else {
      let base = (n * op.rows1 + u32(term.row) - op.rows0) * op.ch1;
      if (term.blk < 0) {
        v = src1[base + lane];
      } else {
        let w = u32(term.blk) + lane * op.stride_lane;
        for (var k = 0u; k < op.ch1; k++) { v += theta[w + k * op.stride_k] * src1[base + k]; }
      }
    }
    acc += term.coef * v;
  }
  let at = (n * op.dst_rows + r) * op.lanes + lane;
  if (op.accumulate != 0u) { acc = dst[at] + acc; }
  dst[at] = acc;
}

// ---- block gradients: dΘ_block[c, o] = Σ_n Σ_terms coef · ddst[n, dst_row, o] · src[n, src_row, c] (1 for a bias)

struct GradOp {
  batch: u32,
  ddst_rows: u32,
  ddst_ch: u32,
  rows0: u32,
  ch0: u32,
  rows1: u32,
  ch1: u32,
};

struct BlockInfo {
  offset: u32,
  c_in: u32,
  c_out: u32,
  term_start: u32,
  term_end: u32,
};

struct GradTerm {
  dst_row: u32,
  src_row: i32,
  coef: f32,
};

const GRAD_CHUNK: u32 = 64u;

@group(0) @binding(0) var<uniform> gop: GradOp;
@group(0) @binding(1) var<storage, read_write> dtheta: array<f32>;
@group(0) @binding(2) var<storage, read> ddst: array<f32>;
@group(0) @binding(3) var<storage, read> gsrc0: array<f32>;
@group(0) @binding(4) var<storage, read> gsrc1: array<f32>;
@group(0) @binding(5) var<storage, read> blocks: array<BlockInfo>;
@group(0) @binding(6) var<storage, read> chunks: array<vec2<u32>>;  // (block, first entry)
@group(0) @binding(7) var<storage, read> gterms: array<GradTerm>;

// one workgroup per chunk of GRAD_CHUNK entries of one block
@compute @workgroup_size(GRAD_CHUNK)
fn block_grad(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let chunk = chunks[wid.x];
  let b = blocks[chunk.x];
  let e = chunk.y + lid;
  if (e >= b.c_in * b.c_out) { return; }
  let c = e / b.c_out;
  let o = e % b.c_out;
  var acc = 0.0;
  for (var n = 0u; n < gop.batch; n++) {
    for (var t = b.term_start; t < b.term_end; t++) {
      let gt = gterms[t];
      var v = 1.0;
      if (gt.src_row >= 0) {
        let row = u32(gt.src_row);
        if (row < gop.rows0) {
          v = gsrc0[(n * gop.rows0 + row) * gop.ch0 + c];
        } else {
          v = gsrc1[(n * gop.rows1 + row - gop.rows0) * gop.ch1 + c];
        }
      }
      acc += gt.coef * ddst[(n * gop.ddst_rows + gt.dst_row) * gop.ddst_ch + o] * v;
    }
  }
  dtheta[b.offset + e] = acc;
}

// ---- ReLU: forward y = max(x, 0); adjoint dx (+)= dy · [x > 0]

struct Elementwise {
  count: u32,
  accumulate: u32,
};

const RELU_WORKGROUP: u32 = 256u;
const RELU_PER_INVOCATION: u32 = 4u;

@group(0) @binding(0) var<uniform> ew: Elementwise;
@group(0) @binding(1) var<storage, read> relu_x: array<f32>;
@group(0) @binding(2) var<storage, read> relu_dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> relu_out: array<f32>;

@compute @workgroup_size(RELU_WORKGROUP)
fn relu_forward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let first = wid.x * RELU_WORKGROUP * RELU_PER_INVOCATION + lid;
  for (var k = 0u; k < RELU_PER_INVOCATION; k++) {
    let i = first + k * RELU_WORKGROUP;
    if (i < ew.count) { relu_out[i] = max(relu_x[i], 0.0); }
  }
}

@compute @workgroup_size(RELU_WORKGROUP)
fn relu_backward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let first = wid.x * RELU_WORKGROUP * RELU_PER_INVOCATION + lid;
  for (var k = 0u; k < RELU_PER_INVOCATION; k++) {
    let i = first + k * RELU_WORKGROUP;
    if (i < ew.count) {
      var g = select(0.0, relu_dy[i], relu_x[i] > 0.0);
      if (ew.accumulate != 0u) { g = relu_out[i] + g; }
      relu_out[i] = g;
    }
  }
}
