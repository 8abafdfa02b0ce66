// Gaussian Fourier features of each entry of a batch of networks (the twin: src/models/fourierFeatures.ts):
//   x ↦ [x, sin ω_1 x, cos ω_1 x, …, sin ω_M x, cos ω_M x],  ω_k = 2π f_k,  channels last.
// The host (src/gpu/kernels/fourierFeatureKernel.ts) prepends M and sincos.wgsl and unrolls the `// @unroll` loop,
// so every ω_k is read at a literal index of a uniform array.

struct FeatureOp {
  entries: u32,
};

@group(0) @binding(0) var<uniform> fop: FeatureOp;
@group(0) @binding(1) var<uniform> omega: array<vec4<f32>, (M + 3u) / 4u>;
@group(0) @binding(2) var<storage, read> x: array<f32>;
@group(0) @binding(3) var<storage, read_write> features: array<f32>;

@compute @workgroup_size(64)
fn fourier_features(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= fop.entries) { return; }
  let v = x[i];
  let base = i * (2u * M + 1u);
  features[base] = v;
  // @unroll
  for (var k = 0u; k < M; k++) {
    let sc = sin_cos(omega[k / 4u][k % 4u] * v);
    features[base + 1u + 2u * k] = sc.x;
    features[base + 2u + 2u * k] = sc.y;
  }
}
