// The second step of block gradients summed in parts (block_grad.wgsl split into slices on a GPU; block_grad_tiles.wgsl
// on a CPU adapter): each target's dΘ vectors are the sum of its tiles, added in tile order (fixed order:
// bit-reproducible). One invocation per (target, tile entry). The host prepends TV (the tile's vector type) and TILE
// (vectors per tile). Per target, `targets` holds where it starts in dΘ, how many of a tile's entries are its own
// (the last channel quads of a block may be padding), and its tiles: `count` of them from `first`, both in units of
// `slices` tiles (block_grad's slices per item, which depend on the batch; 1 for block_grad_tiles).

struct ReduceOp {
  targets: u32,
  slices: u32,
};

struct Target {
  dst: u32,
  valid: u32,
  first: u32,
  count: u32,
};

@group(0) @binding(0) var<uniform> rop: ReduceOp;
@group(0) @binding(1) var<storage, read_write> dtheta: array<TV>;
@group(0) @binding(2) var<storage, read> tiles: array<TV>;
@group(0) @binding(3) var<storage, read> targets: array<Target>;

@compute @workgroup_size(64)
fn block_grad_reduce(@builtin(global_invocation_id) gid: vec3<u32>) {
  let t = gid.x / TILE;
  let e = gid.x % TILE;
  if (t >= rop.targets) { return; }
  let dest = targets[t];
  let first = dest.first * rop.slices * TILE + e;
  var sum = tiles[first];
  for (var s = 1u; s < dest.count * rop.slices; s++) { sum += tiles[first + s * TILE]; }
  if (e < dest.valid) { dtheta[dest.dst + e] = sum; }
}
