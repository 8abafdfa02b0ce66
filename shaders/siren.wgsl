// Batched SIREN INRs (DESIGN §2–3): B networks × P params in one flat buffer, one shared coordinate set,
// one target per network. The host prepends the constants of the architecture (see src/gpu/kernels/sirenShader.ts):
//   IN_DIM, OUT_DIM, N_LAYERS (linear layers), N_HIDDEN (= N_LAYERS - 1), MAX_D (widest layer), PARAM_COUNT,
//   DIMS[N_LAYERS + 1], W_OFF[N_LAYERS], B_OFF[N_LAYERS], OMEGA0, OUTPUT_OFFSET, TILE (workgroup size of train_step)
// and sincos.wgsl.

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
    let n_out = DIMS[l + 1u];
    for (var j = 0u; j < n_out; j++) {
      var s = params[base + B_OFF[l] + j];
      let row = base + W_OFF[l] + j * n_in;
      for (var k = 0u; k < n_in; k++) { s += params[row + k] * a[k]; }
      z[j] = s;
    }
    if (l + 1u < N_LAYERS) {
      for (var j = 0u; j < n_out; j++) { a[j] = sin_cos(OMEGA0 * z[j]).x; }
    }
  }
  for (var j = 0u; j < OUT_DIM; j++) {
    values[(gid.y * cfg.n_points + p) * OUT_DIM + j] = z[j] + OUTPUT_OFFSET;
  }
}

// ---- train_step: one workgroup per network; MSE loss and all parameter gradients ------------------------------
// Points are taken TILE at a time, one per invocation. Each invocation runs its point forward and backward in
// registers; per layer, the tile's layer inputs a (with a constant 1 appended for the bias) and output deltas δ
// go to workgroup memory, and invocation t reduces dW[j,k] = Σ_points δ[j]·a[k] for the entries e ≡ t (mod TILE).
// The order of every sum is fixed, so results are bit-reproducible (no atomics).

var<workgroup> tile_a: array<f32, TILE * (MAX_D + 1u)>;  // [TILE, n_in + 1]
var<workgroup> tile_d: array<f32, TILE * MAX_D>;         // [TILE, n_out]
var<workgroup> net_status: u32;

@compute @workgroup_size(TILE)
fn train_step(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) t: u32) {
  let b = wid.x;
  if (t == 0u) { net_status = state[b].status; }
  if (workgroupUniformLoad(&net_status) != STATUS_TRAINING) { return; }
  let base = b * PARAM_COUNT;
  let inv_count = 1.0 / f32(cfg.n_points * OUT_DIM);

  for (var e = t; e < PARAM_COUNT; e += TILE) { values[base + e] = 0.0; }

  var act: array<array<f32, MAX_D>, N_HIDDEN>;    // hidden activations sin(ω0 z)
  var slope: array<array<f32, MAX_D>, N_HIDDEN>;  // ω0 cos(ω0 z)
  var x: array<f32, IN_DIM>;
  var delta: array<f32, MAX_D>;
  var below: array<f32, MAX_D>;
  var loss_sum = 0.0;

  let n_tiles = (cfg.n_points + TILE - 1u) / TILE;
  for (var tile = 0u; tile < n_tiles; tile++) {
    let p = tile * TILE + t;
    let live = p < cfg.n_points;

    // forward
    for (var k = 0u; k < IN_DIM; k++) { x[k] = select(0.0, coords[p * IN_DIM + k], live); }
    for (var l = 0u; l < N_LAYERS; l++) {
      let n_in = DIMS[l];
      let n_out = DIMS[l + 1u];
      for (var j = 0u; j < n_out; j++) {
        var s = params[base + B_OFF[l] + j];
        let row = base + W_OFF[l] + j * n_in;
        for (var k = 0u; k < n_in; k++) {
          var a_k: f32;
          if (l == 0u) { a_k = x[k]; } else { a_k = act[l - 1u][k]; }
          s += params[row + k] * a_k;
        }
        if (l + 1u < N_LAYERS) {
          let sc = sin_cos(OMEGA0 * s);
          act[l][j] = sc.x;
          slope[l][j] = OMEGA0 * sc.y;
        } else {
          // d/dy mean((y - target)²) = 2 (y - target) / count
          let err = s + OUTPUT_OFFSET - targets[(b * cfg.n_points + p) * OUT_DIM + j];
          let e = select(0.0, err, live);
          loss_sum += e * e;
          delta[j] = 2.0 * e * inv_count;
        }
      }
    }

    // backward, last layer first
    for (var li = 0u; li < N_LAYERS; li++) {
      let l = N_LAYERS - 1u - li;
      let n_in = DIMS[l];
      let n_out = DIMS[l + 1u];
      let stride = n_in + 1u;
      for (var k = 0u; k < n_in; k++) {
        var a_k: f32;
        if (l == 0u) { a_k = x[k]; } else { a_k = act[l - 1u][k]; }
        tile_a[t * stride + k] = a_k;
      }
      tile_a[t * stride + n_in] = 1.0;
      for (var j = 0u; j < n_out; j++) { tile_d[t * n_out + j] = delta[j]; }
      workgroupBarrier();

      // entry e of layer l: row j = e / stride, column k = e % stride (k == n_in is the bias)
      let entries = n_out * stride;
      for (var e = t; e < entries; e += TILE) {
        let j = e / stride;
        let k = e - j * stride;
        var acc = 0.0;
        for (var q = 0u; q < TILE; q++) { acc += tile_d[q * n_out + j] * tile_a[q * stride + k]; }
        let index = base + select(W_OFF[l] + j * n_in + k, B_OFF[l] + j, k == n_in);
        values[index] += acc;
      }

      // δ of the layer below: (W_lᵀ δ) ⊙ ω0 cos(ω0 z)
      if (l > 0u) {
        for (var k = 0u; k < n_in; k++) {
          var s = 0.0;
          for (var j = 0u; j < n_out; j++) { s += params[base + W_OFF[l] + j * n_in + k] * delta[j]; }
          below[k] = s * slope[l - 1u][k];
        }
        for (var k = 0u; k < n_in; k++) { delta[k] = below[k]; }
      }
      workgroupBarrier();
    }
  }

  // loss: fixed-order tree reduction of the per-invocation sums
  tile_d[t] = loss_sum;
  workgroupBarrier();
  for (var stride = TILE / 2u; stride > 0u; stride /= 2u) {
    if (t < stride) { tile_d[t] += tile_d[t + stride]; }
    workgroupBarrier();
  }
  if (t == 0u) {
    let loss = tile_d[0] * inv_count;
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
