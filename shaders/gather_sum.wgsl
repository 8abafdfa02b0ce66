// The gathered linear map of src/models/gatherTable.ts for tables without block terms (means, the adjoints of
// means and of row copies, and what is left of a table once its blocks run as block_gemm.wgsl): identity terms
// dst[n, r, :] += coef · src[n, row, :] and bias terms dst[n, r, :] += coef · Θ[blk ..]. The host
// (src/gpu/kernels/gatherShader.ts) prepends LANES (channels), NB, TV/V/LV and gather_rows.wgsl, writes the
// loop body over terms (the kinds of term the table has: rows of source 0, of source 1, biases; no branch for a
// kind it lacks) and unrolls the `// @unroll` loops. One invocation sums a whole row for NB networks in private
// accumulators with literal indices; sums run in table order, as reference/wsGraphTwin.ts computes them.

@compute @workgroup_size(64)
fn gather_sum(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let n0 = gid.y * NB;
  if (i >= op.table_rows) { return; }
  var acc: array<TV, LV * NB>;
  let t_end = row_start[i + 1u];
  for (var t = row_start[i]; t < t_end; t++) {
    let term = terms[t];
    {{TERM_BODY}}
  }
  store_rows(n0, dst_row[i], &acc);
}
