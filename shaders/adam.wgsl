// Adam / AdamW (torch.optim semantics, bias-corrected).
// Parameters come in groups of `group_size` (one network each); a group steps only while its state says
// TRAINING, with its own step count t (NetState as in siren.wgsl, written by the loss kernel before this runs).
// Workgroup (x, y) updates chunk x of group y: each invocation reads the group's state and bias corrections once,
// then updates ELEMS_PER_INVOCATION entries, WORKGROUP apart (few workgroups: each costs a CPU adapter dearly).
//   m ← β1 m + (1-β1) g,  v ← β2 v + (1-β2) g²,
//   θ ← θ (1 - lr·wd) - lr/(1-β1^t) · m / (√v / √(1-β2^t) + ε)

struct Hyper {
  lr: f32,
  beta1: f32,
  beta2: f32,
  one_minus_beta1: f32,  // from the host in float64: 1 - 0.999 in float32 would lose 4 digits
  one_minus_beta2: f32,
  log_beta1: f32,        // ln β1 and ln β2, from the host in float64, so 1 - β^t keeps float32 precision
  log_beta2: f32,
  eps: f32,
  weight_decay: f32,
  group_size: u32,
};

const WORKGROUP: u32 = 64u;
const ELEMS_PER_INVOCATION: u32 = 16u;

struct NetState {
  step: u32,
  status: u32,
  loss: f32,
  _pad: u32,
};

@group(0) @binding(0) var<uniform> hp: Hyper;
@group(0) @binding(1) var<storage, read_write> params: array<f32>;
@group(0) @binding(2) var<storage, read> grads: array<f32>;
@group(0) @binding(3) var<storage, read_write> m1: array<f32>;
@group(0) @binding(4) var<storage, read_write> m2: array<f32>;
@group(0) @binding(5) var<storage, read> state: array<NetState>;

// 1 - β^t = -expm1(t ln β): a short series near 0, where 1 - exp would cancel
fn one_minus_pow(log_beta: f32, t: f32) -> f32 {
  let y = t * log_beta;
  if (y > -0.1) {
    return -y * (1.0 + y * (0.5 + y * (1.0 / 6.0 + y * (1.0 / 24.0 + y * (1.0 / 120.0 + y / 720.0)))));
  }
  return 1.0 - exp(y);
}

@compute @workgroup_size(WORKGROUP)
fn adam_step(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let group = wid.y;
  let s = state[group];
  if (s.status != 0u) { return; }
  let t = f32(s.step);
  let step_size = hp.lr / one_minus_pow(hp.log_beta1, t);
  let sqrt_bc2 = sqrt(one_minus_pow(hp.log_beta2, t));
  let decay = 1.0 - hp.lr * hp.weight_decay;
  let chunk_start = wid.x * WORKGROUP * ELEMS_PER_INVOCATION;
  let chunk_end = min(chunk_start + WORKGROUP * ELEMS_PER_INVOCATION, hp.group_size);
  for (var e = chunk_start + lane; e < chunk_end; e += WORKGROUP) {
    let i = group * hp.group_size + e;
    let g = grads[i];
    let m = hp.beta1 * m1[i] + hp.one_minus_beta1 * g;
    let v = hp.beta2 * m2[i] + hp.one_minus_beta2 * g * g;
    m1[i] = m;
    m2[i] = v;
    params[i] = params[i] * decay - step_size * (m / (sqrt(v) / sqrt_bc2 + hp.eps));
  }
}
