"""W2 in PyTorch on the CPU (docs/design.md §8), and on CUDA when there is a GPU: one equivariant layer, 32 -> 32 channels, forward + backward (parameter
and input gradients) on 32 networks' weight-space features of SIREN [2,32,32,1]. Items = networks.
Usage: torch_w2.py [batch ...] (default 32).
The layers are written natively with pooling, broadcasting and einsum over the same terms as models/equivariantLayer.ts:
  dws: every input tensor's axes tied to the output entry's hidden indices or mean-pooled, fixed (input/output)
       axes folded into channels, one weight per output fixed index;
  nfn: the NFN-NP terms (reference/nfnLayer.ts: the same enumeration with input/output neurons permutable), shared
       weights, plus a learned bias per input column / output row.
Threads: all cores."""
import json, os, sys
import torch
from torch_timing import devices, result, time_step

torch.set_num_threads(os.cpu_count())
dims, ch = [2, 32, 32, 1], 32
L = len(dims) - 1
# tensors: (name, axes as neuron layers); W_i: (i+1, i), b_i: (i+1,)
tensors = [t for i in range(L) for t in ((f"W{i}", (i + 1, i)), (f"b{i}", (i + 1,)))]
hidden = lambda layer: 0 < layer < L


def layer_terms(permutable):
    """For each output tensor: a list of (input tensor, per-axis option 'tie' | 'pool' | 'fold'). NFN-NP treats
    the input/output neurons as permutable too (then its terms are exactly this enumeration); DWS folds them."""
    hidden = permutable
    out = {}
    for name, axes in tensors:
        terms = []
        for name_in, axes_in in tensors:
            options = [[]]
            for layer in axes_in:
                opts = ["fold"] if not hidden(layer) else (["tie", "pool"] if layer in axes and hidden(layer) else ["pool"])
                options = [o + [x] for o in options for x in opts]
            terms += [(name_in, tuple(o)) for o in options]
        out[name] = terms
    return out


class Layer(torch.nn.Module):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind
        self.terms = layer_terms(hidden if kind == "dws" else (lambda layer: True))
        self.w = torch.nn.ParameterDict()
        for name, axes in tensors:
            fixed_out = [dims[l] for l in axes if not hidden(l)]
            n_out_fixed = 1
            for f in fixed_out:
                n_out_fixed *= f
            for k, (name_in, opts) in enumerate(self.terms[name]):
                axes_in = dict(tensors)[name_in]
                fold = 1
                for layer, o in zip(axes_in, opts):
                    fold *= dims[layer] if o == "fold" else 1
                fan = sum(1 for _ in self.terms[name]) * ch
                # dws: one weight per output fixed index; nfn: shared (plus a per-index bias below)
                per = n_out_fixed if kind == "dws" else 1
                self.w[f"{name}_{k}"] = torch.nn.Parameter(torch.randn(per, ch, ch * fold) / fan ** 0.5)
            self.w[f"{name}_bias"] = torch.nn.Parameter(torch.zeros(n_out_fixed, ch))

    def forward(self, feats):
        # feats[name]: [B, C, *axis sizes]
        batch = next(iter(feats.values())).shape[0]
        out = {}
        for name, axes in tensors:
            shape = [dims[l] for l in axes]
            fixed = [a for a, l in enumerate(axes) if not hidden(l)]
            y = 0
            for k, (name_in, opts) in enumerate(self.terms[name]):
                x = feats[name_in]
                axes_in = dict(tensors)[name_in]
                pool_dims = [2 + a for a, o in enumerate(opts) if o == "pool"]
                if pool_dims:
                    x = x.mean(dim=pool_dims, keepdim=True)
                # fold fixed axes into channels: move them next to C
                fold_axes = [2 + a for a, o in enumerate(opts) if o == "fold"]
                rest = [2 + a for a, o in enumerate(opts) if o != "fold"]
                x = x.permute(0, 1, *fold_axes, *rest)
                x = x.reshape(x.shape[0], -1, *x.shape[2 + len(fold_axes):])  # [B, C*fold, tied/pooled axes...]
                # place the tied axes on the output's axes, broadcast the rest
                view = [x.shape[0], x.shape[1]] + [1] * len(axes)
                for a, (layer, o) in enumerate(zip(axes_in, opts)):
                    if o == "tie":
                        view[2 + axes.index(layer)] = dims[layer]
                x = x.reshape(view)
                w = self.w[f"{name}_{k}"]
                if w.shape[0] == 1:
                    y = y + torch.einsum("oc,bc...->bo...", w[0], x)
                else:  # dws: weights indexed by the output's fixed indices (one fixed axis in these layouts)
                    a = fixed[0]
                    xs = x.expand(*x.shape[:2], *shape) if x.shape[2 + a] == 1 else x
                    y = y + torch.einsum("foc,bc...f->bo...f", w, xs.movedim(2 + a, -1)).movedim(-1, 2 + a)
            bias = self.w[f"{name}_bias"]
            if fixed:
                bshape = [1, ch] + [1] * len(axes)
                bshape[2 + fixed[0]] = shape[fixed[0]]
                y = y + bias.t().reshape(bshape)
            else:
                y = y + bias[0].reshape(1, ch, *[1] * len(axes))
            out[name] = y.expand(batch, ch, *shape) if torch.is_tensor(y) else y
        return out


def bench(kind, device, batch, min_steps=3, budget_s=10.0):
    g = torch.Generator().manual_seed(1)
    layer = Layer(kind).to(device)
    feats = {name: torch.randn(batch, ch, *[dims[l] for l in axes], generator=g).to(device).requires_grad_() for name, axes in tensors}
    grads = {name: torch.randn(batch, ch, *[dims[l] for l in axes], generator=g).to(device) for name, axes in tensors}

    def step():
        out = layer(feats)
        loss = sum((out[n] * grads[n]).sum() for n, _ in tensors)
        layer.zero_grad()
        for f in feats.values():
            f.grad = None
        loss.backward()

    steps, ms = time_step(step, min_steps, budget_s, device)
    return result("W2", f"pytorch-{device}-{kind}", batch, steps, ms, 0, device)


if __name__ == "__main__":
    for device in devices():
        for batch in [int(b) for b in sys.argv[1:]] or [32]:
            for kind in ("dws", "nfn"):
                print(json.dumps(bench(kind, device, batch)), flush=True)
