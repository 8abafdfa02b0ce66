"""Shared by the PyTorch baselines: time a step function the way bench/workloads.ts times the WGSL kernels."""
import time
import torch


def time_step(step, min_steps=3, budget_s=10.0):
    """One warm-up step, then steps until both min_steps and budget_s are reached; returns (steps, ms per step)."""
    step()
    steps, start = 0, time.perf_counter()
    while steps < min_steps or time.perf_counter() - start < budget_s:
        step()
        steps += 1
    return steps, (time.perf_counter() - start) * 1000 / steps


def result(workload, impl, batch, steps, ms, flops):
    r = lambda v: float(f"{v:.4g}")
    return {"workload": workload, "impl": impl, "adapter": f"cpu x{torch.get_num_threads()} (torch {torch.__version__})",
            "B": batch, "steps": steps, "ms_per_step": r(ms), "items_per_s": r(1000 * batch / ms), "gflops": r(flops / ms / 1e6)}
