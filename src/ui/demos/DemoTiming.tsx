/**
 * How long a demo's live step takes on this device, measured as it runs: the seconds so far, for a fit its steps and
 * for a training run the time left from its own epochs so far; then what it took. No time here is a constant
 * measured on another machine.
 */
import { useEffect, useState } from 'react';
import { useFitStore } from '../../state/fitStore';
import { useLearnStore, type RunStatus } from '../../state/learnStore';

export interface StepTiming {
  /** performance.now() when the step's action started */
  startedAt: number;
  /** when the action finished, for one that is done when it returns (null: running, or it follows a fit or a run) */
  endedAt: number | null;
  /** what goes on after the action returns: the live fit it started, or the training run (its id) */
  follows: { fit: true } | { runId: number } | null;
}

const FINISHED: readonly RunStatus[] = ['done', 'stopped', 'failed', 'interrupted'];
const seconds = (ms: number): string => `${Math.max(0, Math.round(ms / 1000))} s`;

export function DemoTiming({ timing, work }: { timing: StepTiming | null; work: string }) {
  const adapter = useLearnStore((s) => s.adapterName);
  const runId = timing?.follows && 'runId' in timing.follows ? timing.follows.runId : null;
  const run = useLearnStore((s) => (runId === null ? null : (s.runs.find((r) => r.id === runId) ?? null)));
  const fitRunning = useFitStore((s) => s.runtime.running);
  const fitStep = useFitStore((s) => s.runtime.metrics?.step ?? 0);
  const followsFit = timing?.follows !== null && timing?.follows !== undefined && 'fit' in timing.follows;
  // the time the followed fit or run was seen to end (a fit: it ran, then stopped)
  const [followed, setFollowed] = useState<{ sawRunning: boolean; endedAt: number | null }>({
    sawRunning: false,
    endedAt: null,
  });
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => setFollowed({ sawRunning: false, endedAt: null }), [timing]);
  const runEnded = run !== null && FINISHED.includes(run.status);
  useEffect(() => {
    if (runEnded) setFollowed((f) => (f.endedAt === null ? { ...f, endedAt: performance.now() } : f));
  }, [runEnded]);
  useEffect(() => {
    if (!followsFit) return;
    if (fitRunning) setFollowed((f) => ({ ...f, sawRunning: true }));
    else setFollowed((f) => (f.sawRunning && f.endedAt === null ? { ...f, endedAt: performance.now() } : f));
  }, [followsFit, fitRunning]);
  const endedAt = timing?.endedAt ?? followed.endedAt;
  const running = timing !== null && endedAt === null;
  useEffect(() => {
    if (!running) return;
    const ticker = setInterval(() => setNow(performance.now()), 500);
    return () => clearInterval(ticker);
  }, [running]);

  const device = `on this device${adapter ? ` (${adapter})` : ''}`;
  let text: string;
  if (!timing) text = `Live steps: ${work}. Their times are measured ${device} as they run.`;
  else if (!running) text = `That step took ${seconds(endedAt! - timing.startedAt)} ${device}.`;
  else {
    const so = `${seconds(now - timing.startedAt)} so far`;
    const epochs = run ? run.history.filter((e) => !e.partial) : [];
    if (followsFit) text = `Fitting: step ${fitStep} · ${so}.`;
    else if (!run) text = `Running… ${so}.`;
    else if (epochs.length === 0) text = `Starting the run (compiling its kernels)… ${so}.`;
    else {
      // the time left from this run's own epochs: their mean duration × the epochs still to come
      const perEpoch = epochs.reduce((s, e) => s + e.ms, 0) / epochs.length;
      const left = perEpoch * (run.config.epochs - epochs.length);
      text = `Epoch ${epochs.length} of ${run.config.epochs} · ${so} · ~${seconds(left)} left ${device}.`;
    }
  }
  return (
    <span className="hint" data-testid="demo-timing" aria-live="polite">
      {text}
    </span>
  );
}
