// The gathered linear map of src/models/gatherTable.ts, its adjoint and its block gradients, as templates: the host
// (src/gpu/kernels/gatherShader.ts) prepends, per op shape, the channel counts and the vector types:
//   LANES   channels written per row (dst);  TV = vec4<f32> when LANES % 4 == 0 (V = 4), else f32 (V = 1); LV = LANES / V
//   CH0/CH1 channels of the sources;         T0/T1, VS0/VS1 alike
//   at0/at1(v, i) component i of a T0/T1;  dotv(a, b): a·b for TV;  add_at(&v, i, x): v[i] += x for a TV
// and unrolls the loops marked `// @unroll` (src/gpu/wgslUnroll.ts). One invocation computes a whole row (every
// channel) in private accumulators with literal indices, reading Θ and features as vectors: on CPU adapters that
// is what runs fast (dynamically indexed private memory and per-lane scalar loads are emulated lane by lane).
// Sums run in table order, term by term as reference/wsGraphTwin.ts computes them. The host prepends
// gather_rows.wgsl (bindings, row store) and keeps one `//#section` (the entry points read Θ as different types).
// A term is (row, blk, coef): row < 0 is a bias (Θ[blk..]), blk < 0 an identity (src row), else a block
// Σ_k Θ[blk + k·LANES + o] · src[row, k] (forward) or Σ_o Θ[blk + c·CO + o] · src[row, o] (adjoint, CO = LANES of
// the forward op = the channels of its single source).

//#section forward
// forward: TW = TV (Θ rows of LANES outputs)
@compute @workgroup_size(64)
fn gather_forward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let n0 = gid.y * NB;
  if (i >= op.table_rows) { return; }
  var acc: array<TV, LV * NB>;
  let t_end = row_start[i + 1u];
  for (var t = row_start[i]; t < t_end; t++) {
    let term = terms[t];
    if (term.row < 0) {
      let w = u32(term.blk) / V;
      // @unroll
      for (var q = 0u; q < LV; q++) {
        let th = term.coef * theta[w + q];
        // @unroll
        for (var m = 0u; m < NB; m++) { acc[m * LV + q] += th; }
      }
    } else if (u32(term.row) < op.rows0) {
      let row = u32(term.row);
      if (term.blk < 0) {
        IDENTITY0
      } else {
        for (var k4 = 0u; k4 < CH0 / VS0; k4++) {
          var s: array<T0, NB>;
          // @unroll
          for (var m = 0u; m < NB; m++) { s[m] = term.coef * src0[((n0 + m) * op.rows0 + row) * (CH0 / VS0) + k4]; }
          // @unroll
          for (var c = 0u; c < VS0; c++) {
            let w = (u32(term.blk) + (k4 * VS0 + c) * LANES) / V;
            // @unroll
            for (var q = 0u; q < LV; q++) {
              let th = theta[w + q];
              // @unroll
              for (var m = 0u; m < NB; m++) { acc[m * LV + q] += th * at0(s[m], c); }
            }
          }
        }
      }
    } else {
      let row = u32(term.row) - op.rows0;
      if (term.blk < 0) {
        IDENTITY1
      } else {
        for (var k4 = 0u; k4 < CH1 / VS1; k4++) {
          var s: array<T1, NB>;
          // @unroll
          for (var m = 0u; m < NB; m++) { s[m] = term.coef * src1[((n0 + m) * op.rows1 + row) * (CH1 / VS1) + k4]; }
          // @unroll
          for (var c = 0u; c < VS1; c++) {
            let w = (u32(term.blk) + (k4 * VS1 + c) * LANES) / V;
            // @unroll
            for (var q = 0u; q < LV; q++) {
              let th = theta[w + q];
              // @unroll
              for (var m = 0u; m < NB; m++) { acc[m * LV + q] += th * at1(s[m], c); }
            }
          }
        }
      }
    }
  }
  store_rows(n0, dst_row[i], &acc);
}

//#section adjoint
// adjoint: one source (the forward op's output gradient, CH0 = CO channels); TW = T0 (Θ rows of CO entries)
@compute @workgroup_size(64)
fn gather_adjoint(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let n0 = gid.y * NB;
  if (i >= op.table_rows) { return; }
  var acc: array<TV, LV * NB>;
  let t_end = row_start[i + 1u];
  for (var t = row_start[i]; t < t_end; t++) {
    let term = terms[t];
    let row = u32(term.row);
    if (term.blk < 0) {
      IDENTITY0
    } else {
      var g: array<T0, (CH0 / VS0) * NB>;
      // @unroll
      for (var m = 0u; m < NB; m++) {
        let base = ((n0 + m) * op.rows0 + row) * (CH0 / VS0);
        // @unroll
        for (var q = 0u; q < CH0 / VS0; q++) { g[m * (CH0 / VS0) + q] = src0[base + q]; }
      }
      // @unroll
      for (var c = 0u; c < LANES; c++) {
        let w = (u32(term.blk) + c * CH0) / VS0;
        // explicitly zeroed: SwiftShader was seen to keep an implicitly zero-initialised array across loop trips
        var s = array<f32, NB>();
        // @unroll
        for (var q = 0u; q < CH0 / VS0; q++) {
          let th = theta[w + q];
          // @unroll
          for (var m = 0u; m < NB; m++) { s[m] += dot0(th, g[m * (CH0 / VS0) + q]); }
        }
        // @unroll
        for (var m = 0u; m < NB; m++) { add_at(&acc[m * LV + c / V], c % V, term.coef * s[m]); }
      }
    }
  }
  store_rows(n0, dst_row[i], &acc);
}
