"""W1 in PyTorch on the CPU (docs/design.md §8), and on CUDA when there is a GPU: B SIRENs [2,32,32,1] on 28x28 targets,
full-batch MSE, Adam. Prints one JSON line per B given on the command line and device. Threads: all cores
(torch.set_num_threads(os.cpu_count()))."""
import json, math, os, sys
import torch
from torch_timing import devices, result, time_step

torch.set_num_threads(os.cpu_count())
dims, omega0, side, lr = [2, 32, 32, 1], 30.0, 28, 5e-4


def bench(batch, device, min_steps=3, budget_s=10.0):
    g = torch.Generator().manual_seed(1)
    lin = torch.linspace(-1, 1, side)
    y, x = torch.meshgrid(lin, lin, indexing="ij")
    coords = torch.stack([x.flatten(), y.flatten()], 1).expand(batch, -1, -1).to(device)
    target = torch.rand(batch, side * side, 1, generator=g).to(device)
    params = []
    for l, (n_in, n_out) in enumerate(zip(dims[:-1], dims[1:])):
        bound = 1 / math.sqrt(n_in) if l == len(dims) - 2 else (1 / n_in if l == 0 else math.sqrt(6 / n_in) / omega0)
        params.append((torch.rand(batch, n_out, n_in, generator=g) * 2 - 1).mul_(bound).to(device).requires_grad_())
        params.append(torch.zeros(batch, 1, n_out, device=device).requires_grad_())
    opt = torch.optim.Adam(params, lr=lr)

    def step():
        h = coords
        for l in range(len(dims) - 1):
            z = torch.baddbmm(params[2 * l + 1], h, params[2 * l].transpose(1, 2))
            h = torch.sin(omega0 * z) if l < len(dims) - 2 else z + 0.5
        loss = ((h - target) ** 2).mean(dim=(1, 2)).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()

    steps, ms = time_step(step, min_steps, budget_s, device)
    macs = sum(a * b for a, b in zip(dims[:-1], dims[1:]))
    return result("W1", f"pytorch-{device}", batch, steps, ms, 6 * side * side * batch * macs, device)

if __name__ == "__main__":
    for device in devices():
        for b in sys.argv[1:]:
            print(json.dumps(bench(int(b), device)), flush=True)
