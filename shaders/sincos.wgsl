// sin and cos for any finite argument, accurate to ~1e-7 absolute.
// WGSL's builtin sin/cos are only specified on [-π, π] (to 2^-11), and SIREN arguments ω0·z reach far beyond,
// so: Cody–Waite reduction x = k·π/2 + r with |r| ≤ π/4 (π/2 split in two so k·PIO2_HI is exact for |k| < 2^16),
// then Taylor polynomials on [-π/4, π/4] (truncation < 2e-9) and a quadrant rotation.
const PIO2_HI: f32 = 1.5703125;
const PIO2_LO: f32 = 4.8382679489661923e-4;
const TWO_OVER_PI: f32 = 0.63661977236758134;

// returns (sin x, cos x)
fn sin_cos(x: f32) -> vec2<f32> {
  let k = round(x * TWO_OVER_PI);
  let r = (x - k * PIO2_HI) - k * PIO2_LO;
  let r2 = r * r;
  let s = r * (1.0 + r2 * (-1.6666667e-1 + r2 * (8.3333333e-3 + r2 * (-1.9841270e-4 + r2 * 2.7557319e-6))));
  let c = 1.0 + r2 * (-0.5 + r2 * (4.1666667e-2 + r2 * (-1.3888889e-3 + r2 * (2.4801587e-5 - r2 * 2.7557319e-7))));
  let q = i32(k);
  // sin(r + qπ/2), cos(r + qπ/2) by q mod 4 (the low bits; two's complement, so negative q too): odd q swaps sin
  // and cos, q = 2, 3 negate sin, q = 1, 2 negate cos. Selects, not branches: the lanes of a SIMD group land in
  // different quadrants, and a CPU adapter then runs every branch (W1 step 187 -> 136 ms on SwiftShader).
  let odd = (q & 1) != 0;
  let sr = select(s, c, odd);
  let cr = select(c, s, odd);
  return vec2<f32>(select(sr, -sr, (q & 2) != 0), select(cr, -cr, ((q + 1) & 2) != 0));
}
