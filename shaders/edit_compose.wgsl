// Editing INRs in weight space (docs/design.md §10). An editing model outputs Δ [B, P]; the edited network is
//   θ' = θ + γ · σ ⊙ Δ
// with σ [P] the per-tensor std of the model's input normalisation (Δ in each tensor's own scale) and γ a learned
// scalar at Θ[GAMMA_AT]. The loss L is the batch mean of each edited INR's render MSE, whose gradient ∂MSE_b/∂θ'_b
// comes from the SIREN backward (siren.wgsl train_step). Then
//   ∂L/∂Δ_bp = γ σ_p ∂MSE_b/∂θ'_bp / B,     ∂L/∂γ = Σ_b Σ_p σ_p Δ_bp ∂MSE_b/∂θ'_bp / B.
// The host prepends PARAM_COUNT and GAMMA_AT (src/gpu/kernels/editKernel.ts).

struct Config {
  batch: u32,
};

@group(0) @binding(0) var<uniform> cfg: Config;
@group(0) @binding(1) var<storage, read> theta: array<f32>;          // the editing model's Θ
@group(0) @binding(2) var<storage, read> sigma: array<f32>;          // [P]
@group(0) @binding(3) var<storage, read> delta: array<f32>;          // [B, P] the model's output
@group(0) @binding(4) var<storage, read> nets: array<f32>;           // [B, P] the input INRs θ
@group(0) @binding(5) var<storage, read_write> edited: array<f32>;   // [B, P] θ'
@group(0) @binding(6) var<storage, read> grads: array<f32>;          // [B, P] ∂MSE_b/∂θ'_b
@group(0) @binding(7) var<storage, read_write> d_delta: array<f32>;  // [B, P] ∂L/∂Δ
@group(0) @binding(8) var<storage, read_write> d_theta: array<f32>;  // the model's ∂L/∂Θ: γ's entry written here

@compute @workgroup_size(64)
fn compose(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= cfg.batch * PARAM_COUNT) { return; }
  edited[i] = nets[i] + theta[GAMMA_AT] * sigma[i % PARAM_COUNT] * delta[i];
}

@compute @workgroup_size(64)
fn adjoint(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= cfg.batch * PARAM_COUNT) { return; }
  d_delta[i] = theta[GAMMA_AT] * sigma[i % PARAM_COUNT] * grads[i] / f32(cfg.batch);
}

var<workgroup> partial: array<f32, 64>;

// one workgroup: each lane sums a fixed stride, then a tree in a fixed order (the same sum run after run)
@compute @workgroup_size(64)
fn gamma_grad(@builtin(local_invocation_index) lane: u32) {
  var s = 0.0;
  for (var i = lane; i < cfg.batch * PARAM_COUNT; i += 64u) {
    s += sigma[i % PARAM_COUNT] * delta[i] * grads[i];
  }
  partial[lane] = s;
  workgroupBarrier();
  for (var half = 32u; half > 0u; half >>= 1u) {
    if (lane < half) { partial[lane] += partial[lane + half]; }
    workgroupBarrier();
  }
  if (lane == 0u) { d_theta[GAMMA_AT] = partial[0] / f32(cfg.batch); }
}
