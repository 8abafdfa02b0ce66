"""Shared by the PyTorch baselines: time a step function the way bench/workloads.ts times the WGSL kernels, on the
CPU and, where this torch has CUDA and a GPU, on the GPU too (never tried yet: the machines so far had no GPU)."""
import time
import torch


def devices():
    """The devices to measure: the CPU, and CUDA when this torch can reach a GPU."""
    return ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])


def time_step(step, min_steps=3, budget_s=10.0, device="cpu"):
    """One warm-up step, then steps until both min_steps and budget_s are reached; returns (steps, ms per step).
    On CUDA the clock is read after the queued steps have finished."""
    sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    step()
    sync()
    steps, start = 0, time.perf_counter()
    while steps < min_steps or time.perf_counter() - start < budget_s:
        step()
        steps += 1
    sync()
    return steps, (time.perf_counter() - start) * 1000 / steps


def result(workload, impl, batch, steps, ms, flops, device="cpu"):
    r = lambda v: float(f"{v:.4g}")
    adapter = f"cpu x{torch.get_num_threads()}" if device == "cpu" else torch.cuda.get_device_name()
    return {"workload": workload, "impl": impl, "adapter": f"{adapter} (torch {torch.__version__})",
            "B": batch, "steps": steps, "ms_per_step": r(ms), "items_per_s": r(1000 * batch / ms), "gflops": r(flops / ms / 1e6)}
