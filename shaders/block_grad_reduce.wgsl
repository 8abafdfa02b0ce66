// The second step of split block gradients (block_grad.wgsl with more than one slice): each block item's dΘ tile is
// the sum of its slices' tiles, added in slice order (fixed order: bit-reproducible). One invocation per (item,
// tile entry). The host prepends TV (the tile's vector type) and TILE. Per item, `targets` holds where its tile
// starts in dΘ and how many of its entries are the block's (the last channel quads of a block may be padding).

struct ReduceOp {
  items: u32,
  slices: u32,
};

@group(0) @binding(0) var<uniform> rop: ReduceOp;
@group(0) @binding(1) var<storage, read_write> dtheta: array<TV>;
@group(0) @binding(2) var<storage, read> tiles: array<TV>;
@group(0) @binding(3) var<storage, read> targets: array<vec2<u32>>;

@compute @workgroup_size(64)
fn block_grad_reduce(@builtin(global_invocation_id) gid: vec3<u32>) {
  let item = gid.x / TILE;
  let e = gid.x % TILE;
  if (item >= rop.items) { return; }
  let first = item * rop.slices * TILE + e;
  var sum = tiles[first];
  for (var s = 1u; s < rop.slices; s++) { sum += tiles[first + s * TILE]; }
  let dest = targets[item];
  if (e < dest.y) { dtheta[dest.x + e] = sum; }
}
