// Probe features (the twin: src/reference/probes.ts): every network of a batch evaluated at K learned input points,
// and the gradient of a loss with respect to those points.
//   feature[b, k, o] = f_b(c_k)_o = SIREN output o of network b at probe c_k (the render's value there, + 0.5)
// A hidden-neuron permutation or negation of f_b leaves f_b itself unchanged, so the features are invariant to
// every symmetry by construction (NG-GNN's probe features; ProbeGen).
// The networks arrive normalised per tensor, as every weight-space model reads them; the raw weight is
// w_i = x_i · scale_i + shift_i (scale = σ of its tensor, shift = μ).
// The host (src/gpu/kernels/probeKernel.ts) prepends NL (layers), D (their widths: D[0] in, D[NL] out),
// MAXW (the widest layer) and P (parameters a network), and sincos.wgsl.

struct ProbeOp {
  networks: u32,
  probes: u32,
  // where the probe coordinates [K, D[0]] lie in Θ (and their gradient in dΘ)
  coordOffset: u32,
  omega0: f32,
};

@group(0) @binding(0) var<uniform> op: ProbeOp;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> scale: array<f32>;
@group(0) @binding(3) var<storage, read> shift: array<f32>;
@group(0) @binding(4) var<storage, read> theta: array<f32>;
// forward: the features [n, K, D[NL]]; backward: their gradient, read
@group(0) @binding(5) var<storage, read_write> features: array<f32>;
@group(0) @binding(6) var<storage, read_write> dTheta: array<f32>;

// ω0·cos(ω0·z) of every hidden layer (d a_{l+1} / d z_l), kept by the forward for the backward
var<private> slopes: array<f32, (NL - 1u) * MAXW + 1u>;
var<private> a: array<f32, MAXW>;
var<private> z: array<f32, MAXW>;

fn weight(base: u32, i: u32) -> f32 {
  return x[base + i] * scale[i] + shift[i];
}

// network b at probe k: leaves the output pre-activation in z (without the render's +0.5) and the slopes
fn forward_point(b: u32, k: u32) {
  let base = b * P;
  for (var i = 0u; i < D[0]; i++) { a[i] = theta[op.coordOffset + k * D[0] + i]; }
  var off = 0u;
  for (var l = 0u; l < NL; l++) {
    let nIn = D[l];
    let nOut = D[l + 1u];
    for (var j = 0u; j < nOut; j++) {
      var s = weight(base, off + nOut * nIn + j);
      for (var i = 0u; i < nIn; i++) { s += weight(base, off + j * nIn + i) * a[i]; }
      z[j] = s;
    }
    if (l + 1u < NL) {
      for (var j = 0u; j < nOut; j++) {
        let sc = sin_cos(op.omega0 * z[j]);
        a[j] = sc.x;
        slopes[l * MAXW + j] = op.omega0 * sc.y;
      }
    }
    off += nOut * nIn + nOut;
  }
}

@compute @workgroup_size(64)
fn probe_forward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let item = gid.x;
  if (item >= op.networks * op.probes) { return; }
  let b = item / op.probes;
  let k = item % op.probes;
  forward_point(b, k);
  let outs = D[NL];
  for (var o = 0u; o < outs; o++) { features[item * outs + o] = z[o] + 0.5; }
}

// d loss / d c_k = Σ_b J_b(c_k)ᵀ g[b, k]: backpropagation through each network from its output to its input.
// One invocation a probe, the networks in series (K invocations write K disjoint gradients: no atomics).
@compute @workgroup_size(64)
fn probe_backward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let k = gid.x;
  if (k >= op.probes) { return; }
  var grad: array<f32, MAXW>;
  for (var i = 0u; i < D[0]; i++) { grad[i] = 0.0; }
  let outs = D[NL];
  for (var b = 0u; b < op.networks; b++) {
    forward_point(b, k);
    let base = b * P;
    // δ = d loss / d z of the current layer, from the output layer down
    var delta: array<f32, MAXW>;
    for (var o = 0u; o < outs; o++) { delta[o] = features[(b * op.probes + k) * outs + o]; }
    var end = P;
    for (var l = NL; l > 0u; l--) {
      let nIn = D[l - 1u];
      let nOut = D[l];
      let off = end - nOut * nIn - nOut;
      var below: array<f32, MAXW>;
      for (var i = 0u; i < nIn; i++) {
        var s = 0.0;
        for (var j = 0u; j < nOut; j++) { s += weight(base, off + j * nIn + i) * delta[j]; }
        below[i] = s;
      }
      if (l > 1u) {
        for (var i = 0u; i < nIn; i++) { below[i] *= slopes[(l - 2u) * MAXW + i]; }
      }
      delta = below;
      end = off;
    }
    for (var i = 0u; i < D[0]; i++) { grad[i] += delta[i]; }
  }
  for (var i = 0u; i < D[0]; i++) { dTheta[op.coordOffset + k * D[0] + i] = grad[i]; }
}
