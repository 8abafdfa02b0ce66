// ReLU over a whole node, four elements at a time: forward y = max(x, 0); adjoint dx (+)= dy · [x > 0]. Node
// buffers are whole vec4s (a trailing partial one only holds padding that nothing reads). Each invocation handles
// PER_INVOCATION vectors WORKGROUP apart (few, fat workgroups: each costs a CPU adapter dearly).

struct Elementwise {
  count: u32,  // vectors
};

// relu_backward adds to dx (else writes it): a pipeline constant, not a branch every element pays for
override ACCUMULATE: bool = false;

const WORKGROUP: u32 = 256u;
const PER_INVOCATION: u32 = 4u;

@group(0) @binding(0) var<uniform> ew: Elementwise;
@group(0) @binding(1) var<storage, read> relu_x: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> relu_dy: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read_write> relu_out: array<vec4<f32>>;

@compute @workgroup_size(WORKGROUP)
fn relu_forward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let first = wid.x * WORKGROUP * PER_INVOCATION + lid;
  for (var k = 0u; k < PER_INVOCATION; k++) {
    let i = first + k * WORKGROUP;
    if (i < ew.count) { relu_out[i] = max(relu_x[i], vec4<f32>(0.0)); }
  }
}

@compute @workgroup_size(WORKGROUP)
fn relu_backward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let first = wid.x * WORKGROUP * PER_INVOCATION + lid;
  for (var k = 0u; k < PER_INVOCATION; k++) {
    let i = first + k * WORKGROUP;
    if (i < ew.count) {
      var g = select(vec4<f32>(0.0), relu_dy[i], relu_x[i] > vec4<f32>(0.0));
      if (ACCUMULATE) { g = relu_out[i] + g; }
      relu_out[i] = g;
    }
  }
}
