// Per-network losses and the gradient of their batch mean (twins: src/reference/losses.ts). One invocation per
// network; invocation 0 also advances the optimizer's step count (NetState as in adam.wgsl).
//   cross_entropy: loss_n = -Σ_k t_nk log softmax(z_n)_k,  dz_nk = (softmax_k · Σ_k t_nk - t_nk) / batch
//   mse:           loss_n = Σ_d (y_nd - t_nd)² / D,          dy_nd = 2 (y_nd - t_nd) / (D · batch)

struct LossOp {
  batch: u32,
  dim: u32,
};

struct NetState {
  step: u32,
  status: u32,
  loss: f32,
  _pad: u32,
};

@group(0) @binding(0) var<uniform> lo: LossOp;
@group(0) @binding(1) var<storage, read> outputs: array<f32>;
@group(0) @binding(2) var<storage, read> targets: array<f32>;
@group(0) @binding(3) var<storage, read_write> d_outputs: array<f32>;
@group(0) @binding(4) var<storage, read_write> losses: array<f32>;
@group(0) @binding(5) var<storage, read_write> state: array<NetState>;

@compute @workgroup_size(64)
fn cross_entropy(@builtin(global_invocation_id) gid: vec3<u32>) {
  let n = gid.x;
  if (n == 0u) { state[0].step += 1u; }
  if (n >= lo.batch) { return; }
  let base = n * lo.dim;
  var m = outputs[base];
  for (var k = 1u; k < lo.dim; k++) { m = max(m, outputs[base + k]); }
  var sum = 0.0;
  var mass = 0.0;
  for (var k = 0u; k < lo.dim; k++) {
    sum += exp(outputs[base + k] - m);
    mass += targets[base + k];
  }
  let log_sum = log(sum);
  var loss = 0.0;
  for (var k = 0u; k < lo.dim; k++) {
    let log_p = outputs[base + k] - m - log_sum;
    let t = targets[base + k];
    loss -= t * log_p;
    d_outputs[base + k] = (exp(log_p) * mass - t) / f32(lo.batch);
  }
  losses[n] = loss;
}

@compute @workgroup_size(64)
fn mse(@builtin(global_invocation_id) gid: vec3<u32>) {
  let n = gid.x;
  if (n == 0u) { state[0].step += 1u; }
  if (n >= lo.batch) { return; }
  let base = n * lo.dim;
  var loss = 0.0;
  for (var d = 0u; d < lo.dim; d++) {
    let e = outputs[base + d] - targets[base + d];
    loss += e * e / f32(lo.dim);
    d_outputs[base + d] = 2.0 * e / f32(lo.dim * lo.batch);
  }
  losses[n] = loss;
}
