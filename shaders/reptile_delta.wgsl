// Reptile's outer gradient (Nichol et al. 2018, first order): after k inner steps from the shared init θ on each
// task of a meta-batch, g = θ − mean_b φ_b, one entry per invocation, the B adapted networks summed in order b = 0,
// 1, … (fixed order: bit-reproducible). Adam then steps θ along −g (adam.wgsl, one group of P parameters), so the
// outer step count lives in a NetState, advanced here by the first invocation as the SIREN step does for its own.

struct Config {
  param_count: u32,
  batch: u32,
};

struct NetState {
  step: u32,
  status: u32,
  loss: f32,
  _pad: u32,
};

const WORKGROUP: u32 = 64u;

@group(0) @binding(0) var<uniform> cfg: Config;
@group(0) @binding(1) var<storage, read> theta: array<f32>;
// [B, P]: the adapted networks, network after network
@group(0) @binding(2) var<storage, read> phi: array<f32>;
@group(0) @binding(3) var<storage, read_write> grad: array<f32>;
@group(0) @binding(4) var<storage, read_write> state: array<NetState>;

@compute @workgroup_size(WORKGROUP)
fn reptile_delta(@builtin(global_invocation_id) gid: vec3<u32>) {
  let p = gid.x;
  if (p == 0u) {
    state[0].step = state[0].step + 1u;
  }
  if (p >= cfg.param_count) { return; }
  var sum = 0.0;
  for (var b = 0u; b < cfg.batch; b++) {
    sum += phi[b * cfg.param_count + p];
  }
  grad[p] = theta[p] - sum / f32(cfg.batch);
}
