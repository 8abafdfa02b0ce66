// The body of each kind of term of shaders/gather_rows.wgsl: what one term adds to the row's accumulators `acc`
// for networks n0 .. n0 + NB - 1. The host takes the `//#body` sections the table needs and writes $SRC, $ROWS, $ROW
// (the source buffer, its rows field in `op`, the term's row within it) and $CH, $VS, $T, $at (its channels, vector
// width, type and component accessor) for the source the kind reads.

//#body bias
let w = u32(term.blk) / V;
// @unroll
for (var q = 0u; q < LV; q++) {
  let th = term.coef * theta[w + q];
  // @unroll
  for (var m = 0u; m < NB; m++) { acc[m * LV + q] += th; }
}

//#body identity
let row = $ROW;
// @unroll
for (var m = 0u; m < NB; m++) {
  let base = ((n0 + m) * op.$ROWS + row) * LV;
  // @unroll
  for (var q = 0u; q < LV; q++) { acc[m * LV + q] += term.coef * $SRC[base + q]; }
}

//#body block_forward
// Σ_c Θ[blk + c·LANES + o] · src[row, c]: TW = TV (Θ rows of LANES outputs)
let row = $ROW;
for (var k4 = 0u; k4 < $CH / $VS; k4++) {
  var s: array<$T, NB>;
  // @unroll
  for (var m = 0u; m < NB; m++) { s[m] = term.coef * $SRC[((n0 + m) * op.$ROWS + row) * ($CH / $VS) + k4]; }
  // @unroll
  for (var c = 0u; c < $VS; c++) {
    let w = (u32(term.blk) + (k4 * $VS + c) * LANES) / V;
    // @unroll
    for (var q = 0u; q < LV; q++) {
      let th = theta[w + q];
      // @unroll
      for (var m = 0u; m < NB; m++) { acc[m * LV + q] += th * $at(s[m], c); }
    }
  }
}

//#body block_adjoint
// Σ_o Θ[blk + c·CO + o] · src[row, o], one source (the forward op's output gradient, $CH = CO channels): TW = $T
let row = $ROW;
var g: array<$T, ($CH / $VS) * NB>;
// @unroll
for (var m = 0u; m < NB; m++) {
  let base = ((n0 + m) * op.$ROWS + row) * ($CH / $VS);
  // @unroll
  for (var q = 0u; q < $CH / $VS; q++) { g[m * ($CH / $VS) + q] = $SRC[base + q]; }
}
// @unroll
for (var c = 0u; c < LANES; c++) {
  let w = (u32(term.blk) + c * $CH) / $VS;
  // explicitly zeroed: SwiftShader was seen to keep an implicitly zero-initialised array across loop trips
  var s = array<f32, NB>();
  // @unroll
  for (var q = 0u; q < $CH / $VS; q++) {
    let th = theta[w + q];
    // @unroll
    for (var m = 0u; m < NB; m++) { s[m] += dot0(th, g[m * ($CH / $VS) + q]); }
  }
  // @unroll
  for (var m = 0u; m < NB; m++) { add_at(&acc[m * LV + c / V], c % V, term.coef * s[m]); }
}
