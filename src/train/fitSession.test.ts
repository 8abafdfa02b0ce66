// The fit session on the CPU backend (the plain-TS twins): what the page runs without WebGPU.
import { describe, expect, it } from 'vitest';
import { NET_STATUS } from '../gpu/kernels/sirenKernels';
import { Rng } from '../weightspace/rng';
import { CpuFitBackend } from './cpuFitBackend';
import type { FitEvent, FitMetrics, FitSetup } from './fitProtocol';
import { FitSession } from './fitSession';

const side = 6;
const rng = new Rng(5);
const setup: FitSetup = {
  spec: { dims: [2, 8, 8, 1], omega0: 30 },
  seed: 1,
  target: Float32Array.from({ length: side * side }, () => rng.uniform()),
  side,
  lr: 5e-3,
  stopPsnr: null,
};

function session(): { s: FitSession; metrics: FitMetrics[]; events: FitEvent[] } {
  const events: FitEvent[] = [];
  const metrics: FitMetrics[] = [];
  const s = new FitSession(
    (x) => new CpuFitBackend(x),
    (e) => {
      events.push(e);
      if (e.type === 'metrics') metrics.push(e.metrics);
    },
  );
  return { s, metrics, events };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('FitSession on the CPU backend', () => {
  it('reports the initial render, then steps on request, and the loss falls', async () => {
    const { s, metrics } = session();
    s.setup(setup);
    await settle();
    expect(metrics.map((m) => m.step)).toEqual([0]);
    s.step(50);
    await settle();
    expect(metrics[1].step).toBe(50);
    expect(metrics[1].loss).toBeLessThan(metrics[0].loss / 2);
    expect(metrics[1].psnr).toBeCloseTo(-10 * Math.log10(metrics[1].loss), 10);
  });

  it('plays until paused, and the same seed gives the same reconstruction', async () => {
    const a = session();
    a.s.setup(setup);
    a.s.setStepsPerFrame(3);
    a.s.play();
    while (a.metrics.length < 4) await settle();
    a.s.pause();
    expect(a.events.filter((e) => e.type === 'running').map((e) => e.type === 'running' && e.running)).toEqual([
      true,
      false,
    ]);
    const reported = a.metrics.length;
    await settle();
    // the pause reports where the fit stopped, and nothing runs after it
    expect(a.metrics.length).toBe(reported + 1);
    const last = a.metrics[a.metrics.length - 1];
    expect(last.step).toBeGreaterThanOrEqual(a.metrics[reported - 1].step);
    for (let i = 0; i < 5; i++) await settle();
    expect(a.metrics.length).toBe(reported + 1);

    const b = session();
    b.s.setup(setup);
    b.s.step(last.step);
    await settle();
    expect(b.metrics[1].recon).toEqual(last.recon);
  });

  it('stops by itself at the target PSNR', async () => {
    const { s, metrics, events } = session();
    s.setup({ ...setup, stopPsnr: 8 });
    s.setStepsPerFrame(10);
    s.play();
    while (!events.some((e) => e.type === 'running' && !e.running)) await settle();
    const last = metrics[metrics.length - 1];
    expect(last.status).toBe(NET_STATUS.converged);
    expect(events.find((e) => e.type === 'running' && !e.running)).toMatchObject({ reason: 'reached 8 dB' });
  });

  it('after stopping at the target, Step says why it does nothing; unticking the stop trains on from the same weights', async () => {
    const { s, metrics, events } = session();
    s.setup({ ...setup, stopPsnr: 8 });
    s.setStepsPerFrame(10);
    s.play();
    while (!events.some((e) => e.type === 'running' && !e.running)) await settle();
    const stopped = metrics[metrics.length - 1];
    expect(stopped.status).toBe(NET_STATUS.converged);
    s.step(5);
    await settle();
    expect(metrics[metrics.length - 1]).toBe(stopped);
    expect(events.filter((e) => e.type === 'notice').map((e) => e.type === 'notice' && e.text)).toEqual([
      expect.stringMatching(/reached 8 dB and stopped/),
    ]);

    s.setStopPsnr(null);
    s.step(5);
    await settle();
    const more = metrics[metrics.length - 1];
    expect(more.status).toBe(NET_STATUS.training);
    expect(more.step).toBe(stopped.step + 5);
    expect(more.psnr).toBeGreaterThan(stopped.psnr);
  });
});
