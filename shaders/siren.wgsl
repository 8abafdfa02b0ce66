// Batched SIREN INRs (docs/design.md §2–3): B networks × P params in one flat buffer, one shared coordinate set,
// one target per network. The host prepends the constants of the architecture (see src/gpu/kernels/sirenShader.ts):
//   IN_DIM, OUT_DIM, N_LAYERS (linear layers), MAX_D (widest layer), LANES (invocations per network in
//   train_step), CHUNK (gradient entries summed per round when LANES > 4), PARAM_COUNT, DIMS[N_LAYERS + 1], W_OFF[N_LAYERS], B_OFF[N_LAYERS], OMEGA0, OUTPUT_OFFSET;
//   and sincos.wgsl.

struct Config {
  n_points: u32,
  net_count: u32,
  // a network whose loss falls to or below stop_loss stops training (0 disables the early stop)
  stop_loss: f32,
  // forward: the first network to render
  first_net: u32,
};

// Per-network training state, shared with adam.wgsl.
struct NetState {
  step: u32,    // optimizer steps taken
  status: u32,  // STATUS_*
  loss: f32,    // the loss at the current parameters (before the step that follows it)
  _pad: u32,
};
const STATUS_TRAINING: u32 = 0u;
const STATUS_CONVERGED: u32 = 1u;
const STATUS_DIVERGED: u32 = 2u;

@group(0) @binding(0) var<uniform> cfg: Config;
@group(0) @binding(1) var<storage, read> params: array<f32>;
@group(0) @binding(2) var<storage, read> coords: array<f32>;   // [n_points, IN_DIM]
@group(0) @binding(3) var<storage, read_write> values: array<f32>;  // forward: outputs [B, n, OUT_DIM]; train_step: grads [B, P]
@group(0) @binding(4) var<storage, read> targets: array<f32>;  // [B, n_points, OUT_DIM]
@group(0) @binding(5) var<storage, read_write> state: array<NetState>;

fn is_finite(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u;
}

// ---- forward: one invocation per (point, network); renders f(x) + OUTPUT_OFFSET -------------------------------

@compute @workgroup_size(64)
fn forward(@builtin(global_invocation_id) gid: vec3<u32>) {
  let p = gid.x;
  let b = cfg.first_net + gid.y;
  if (p >= cfg.n_points) { return; }
  let base = b * PARAM_COUNT;
  var a: array<f32, MAX_D>;
  var z: array<f32, MAX_D>;
  for (var k = 0u; k < IN_DIM; k++) { a[k] = coords[p * IN_DIM + k]; }
  for (var l = 0u; l < N_LAYERS; l++) {
    let n_in = DIMS[l];
    for (var j = 0u; j < DIMS[l + 1u]; j++) {
      var s = params[base + B_OFF[l] + j];
      for (var k = 0u; k < n_in; k++) { s += params[base + W_OFF[l] + j * n_in + k] * a[k]; }
      z[j] = s;
    }
    for (var j = 0u; j < DIMS[l + 1u]; j++) { a[j] = sin_cos(OMEGA0 * z[j]).x; }
  }
  for (var j = 0u; j < OUT_DIM; j++) { values[(gid.y * cfg.n_points + p) * OUT_DIM + j] = z[j] + OUTPUT_OFFSET; }
}

// ---- train_step: one workgroup of LANES invocations per network; MSE loss and all parameter gradients ---------
// Each invocation copies its network's parameters into private memory, then takes points lane, lane + LANES, ...:
// forward, backward and gradient accumulation for one point entirely in private memory, where every index is a
// literal (loops marked `// @unroll` are unrolled by the host, src/gpu/wgslUnroll.ts). Literal private indices
// are what CPU adapters (SwiftShader: 4 invocations per SIMD register, workgroup and dynamic accesses emulated
// lane by lane) run fast. For layer l with inputs a, pre-activations z, outputs' deltas δ:
//   forward   z[j] = b[j] + Σ_k W[j, k] a[k],  a_next[j] = sin(ω0 z[j])
//   gradient  dW[j, k] += δ[j] a[k],  db[j] += δ[j]
//   backward  δ_below[k] = (Σ_j W[j, k] δ[j]) · ω0 cos(ω0 z_below[k])
// The invocations' gradients are then summed in lane order (fixed order, no atomics: bit-reproducible): one lane
// after the other when there are at most 4 (one SIMD group of a CPU adapter), else CHUNK entries at a time through
// workgroup memory — the same additions in the same order either way.

var<workgroup> loss_parts: array<f32, LANES>;
var<workgroup> partial: array<array<f32, CHUNK>, LANES>;  // [lane][entry of the chunk]
var<workgroup> net_status: u32;

@compute @workgroup_size(LANES)
fn train_step(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let b = wid.x;
  if (lane == 0u) { net_status = state[b].status; }
  if (workgroupUniformLoad(&net_status) != STATUS_TRAINING) { return; }
  let n = cfg.n_points;
  let base = b * PARAM_COUNT;
  let inv_count = 1.0 / f32(n * OUT_DIM);

  var w: array<f32, PARAM_COUNT>;   // this network's parameters
  var g: array<f32, PARAM_COUNT>;   // this invocation's share of the gradient
  var acts: array<array<f32, MAX_D>, N_LAYERS>;    // acts[l] = inputs of layer l
  var slopes: array<array<f32, MAX_D>, N_LAYERS>;  // slopes[l][k] = ω0 cos(ω0 z) of input k of layer l
  var delta: array<f32, MAX_D>;
  var below: array<f32, MAX_D>;
  var loss_sum = 0.0;
  for (var e = 0u; e < PARAM_COUNT; e++) { w[e] = params[base + e]; }

  for (var p = lane; p < n; p += LANES) {
    // @unroll
    for (var k = 0u; k < IN_DIM; k++) { acts[0][k] = coords[p * IN_DIM + k]; }

    // forward
    // @unroll
    for (var l = 0u; l < N_LAYERS; l++) {
      const n_in = DIMS[l];
      const n_out = DIMS[l + 1u];
      // @unroll
      for (var j = 0u; j < n_out; j++) {
        var s = w[B_OFF[l] + j];
        // @unroll-sum
        for (var k = 0u; k < n_in; k++) { s += w[W_OFF[l] + j * n_in + k] * acts[l][k]; }
        if (l + 1u < N_LAYERS) {
          let sc = sin_cos(OMEGA0 * s);
          acts[min(l + 1u, N_LAYERS - 1u)][j] = sc.x;
          slopes[min(l + 1u, N_LAYERS - 1u)][j] = OMEGA0 * sc.y;
        } else {
          // d/dy mean((y - target)²) = 2 (y - target) / count
          let err = s + OUTPUT_OFFSET - targets[(b * n + p) * OUT_DIM + j];
          loss_sum += err * err;
          delta[j] = 2.0 * err * inv_count;
        }
      }
    }

    // backward, last layer first
    // @unroll
    for (var li = 0u; li < N_LAYERS; li++) {
      const l = N_LAYERS - 1u - li;
      const n_in = DIMS[l];
      const n_out = DIMS[l + 1u];
      // @unroll
      for (var j = 0u; j < n_out; j++) {
        g[B_OFF[l] + j] += delta[j];
        // @unroll
        for (var k = 0u; k < n_in; k++) { g[W_OFF[l] + j * n_in + k] += delta[j] * acts[l][k]; }
      }
      if (l > 0u) {
        // @unroll
        for (var k = 0u; k < n_in; k++) {
          var s = 0.0;
          // @unroll-sum
          for (var j = 0u; j < n_out; j++) { s += w[W_OFF[l] + j * n_in + k] * delta[j]; }
          below[k] = s * slopes[l][k];
        }
        // @unroll
        for (var k = 0u; k < n_in; k++) { delta[k] = below[k]; }
      }
    }
  }

  // gradient = Σ over invocations, added in lane order
  if (LANES <= 4u) {
    for (var q = 0u; q < LANES; q++) {
      if (lane == q) {
        for (var e = 0u; e < PARAM_COUNT; e++) { values[base + e] = select(values[base + e], 0.0, q == 0u) + g[e]; }
      }
      storageBarrier();
    }
  } else {
    for (var c0 = 0u; c0 < PARAM_COUNT; c0 += CHUNK) {
      for (var c = 0u; c < CHUNK; c++) { partial[lane][c] = select(0.0, g[min(c0 + c, PARAM_COUNT - 1u)], c0 + c < PARAM_COUNT); }
      workgroupBarrier();
      if (lane < CHUNK && c0 + lane < PARAM_COUNT) {
        var sum = 0.0;
        for (var q = 0u; q < LANES; q++) { sum += partial[q][lane]; }
        values[base + c0 + lane] = sum;
      }
      workgroupBarrier();
    }
  }

  loss_parts[lane] = loss_sum;
  workgroupBarrier();
  if (lane == 0u) {
    var total = 0.0;
    for (var q = 0u; q < LANES; q++) { total += loss_parts[q]; }
    let loss = total * inv_count;
    state[b].loss = loss;
    if (!is_finite(loss)) {
      state[b].status = STATUS_DIVERGED;
    } else if (loss <= cfg.stop_loss) {
      state[b].status = STATUS_CONVERGED;
    } else {
      state[b].step += 1u;
    }
  }
}
