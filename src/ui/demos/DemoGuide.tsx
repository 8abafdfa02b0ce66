import { errorText } from '../../data/errorText';
import { useEffect, useState } from 'react';
import { demoById, DEMOS } from '../../state/demos';
import { useDemoStore } from '../../state/demoStore';
import { runDemoAction, startsFit, startsRun } from './demoActions';
import { useSlotBusyReason } from '../../state/runSlot';
import { openDemo } from '../link/linkSync';
import { useFields } from '../hooks/useFields';
import { useLearnStore } from '../../state/learnStore';
import { DemoTiming, type StepTiming } from './DemoTiming';

/** The open demo's guided text beside the live panels: its steps, "Do it" for a step's action, next / exit. */
export function DemoGuide() {
  const { demo: id, step, set } = useFields(useDemoStore, 'demo', 'step', 'set');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [timing, setTiming] = useState<StepTiming | null>(null);
  const slotBusy = useSlotBusyReason();
  useEffect(() => setTiming(null), [id, step]);
  const demo = demoById(id);
  if (!demo) return null;
  const index = DEMOS.indexOf(demo);
  const next = DEMOS[index + 1];
  const current = demo.steps[step];
  // "Train DWS" while the MLP run is going would have to stop it: the button waits, and says for what
  const blocked = current.action && startsRun(current.action) ? slotBusy : null;
  const run = async (): Promise<void> => {
    if (!current.action) return;
    setBusy(true);
    setError(null);
    const startedAt = performance.now();
    setTiming({ startedAt, endedAt: null, follows: null });
    try {
      await runDemoAction(current.action);
      // a fit or a training run goes on after the action returns: the timing follows it
      const runs = useLearnStore.getState().runs;
      const runId = runs[runs.length - 1]?.id;
      if (startsRun(current.action) && runId !== undefined) setTiming({ startedAt, endedAt: null, follows: { runId } });
      else if (startsFit(current.action)) setTiming({ startedAt, endedAt: null, follows: { fit: true } });
      else setTiming({ startedAt, endedAt: performance.now(), follows: null });
    } catch (err) {
      setTiming(null);
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <aside className="card demo-guide" aria-labelledby="demo-title" data-testid="demo-guide">
      <div className="demo-head">
        <h2 id="demo-title">
          Demo {index + 1} of {DEMOS.length}: {demo.title}
        </h2>
        <button onClick={() => openDemo('')} data-testid="demo-exit">
          Exit demo
        </button>
      </div>
      <ol className="demo-steps" start={step + 1} aria-label={`step ${step + 1} of ${demo.steps.length}`}>
        <li aria-current="step">{current.text}</li>
      </ol>
      <div className="transport">
        {current.action && (
          <button
            className="primary"
            disabled={busy || blocked !== null}
            onClick={() => void run()}
            data-testid="demo-do"
            title={blocked ?? undefined}
          >
            {current.label ?? 'Do it'}
          </button>
        )}
        {blocked && (
          <span className="hint" data-testid="demo-blocked">
            Not now: {blocked}.
          </span>
        )}
        {step > 0 && (
          <button onClick={() => set({ step: step - 1 })} data-testid="demo-back">
            Back
          </button>
        )}
        {step + 1 < demo.steps.length ? (
          <button onClick={() => set({ step: step + 1 })} data-testid="demo-next">
            Next step ({step + 2}/{demo.steps.length})
          </button>
        ) : (
          next && (
            <button onClick={() => openDemo(next.id)} data-testid="demo-next-demo">
              Next demo: {next.title}
            </button>
          )
        )}
        <DemoTiming timing={timing} work={demo.work} />
      </div>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
    </aside>
  );
}
