import type { Page } from '@playwright/test';

/** One main-thread task of the page's renderer: wall time, and the CPU time the thread itself spent in it. */
export interface MainThreadTask {
  wallMs: number;
  cpuMs: number;
}

export interface TraceEvent {
  name?: string;
  ph?: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * Records the renderer main thread through Chromium's tracing. The Long Tasks API gives wall time only, and on a
 * loaded 2-core machine most of a task's wall time can be the thread waiting for a core (a 49 ms click task measured
 * 13 ms of CPU); the CPU time is what the page's own code costs. `take` returns the tasks of 50 ms or more (wall)
 * since the last call and keeps recording; `stop` ends the recording (the browser holds one trace at a time).
 */
export interface MainThreadRecorder {
  take(): Promise<MainThreadTask[]>;
  stop(): Promise<void>;
}

/**
 * The page's main-thread tasks of 50 ms or more in a trace. A trace without the page's renderer main thread, without
 * any task on it, or with a long task that has no thread time is refused: a budget checked on it would pass for
 * nothing.
 */
export function longTasksOf(events: TraceEvent[]): MainThreadTask[] {
  // the page's renderer, not Chromium's own pages (a "WebUI" renderer also runs in headless mode)
  const chromiums = new Set(
    events.filter((e) => e.name === 'process_name' && /WebUI/.test(e.args?.name ?? '')).map((e) => e.pid),
  );
  const main = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && !chromiums.has(e.pid))
      .map((e) => `${e.pid}:${e.tid}`),
  );
  if (main.size === 0) throw new Error('the trace has no renderer main thread (CrRendererMain) of the page');
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`));
  if (tasks.length === 0) throw new Error("the trace has no task (RunTask) on the page's main thread");
  return tasks
    .filter((e) => (e.dur ?? 0) >= 50_000)
    .map((e) => {
      if (e.tdur === undefined)
        throw new Error(`a ${Math.round(e.dur! / 1000)} ms main-thread task has no thread time`);
      return { wallMs: Math.round(e.dur! / 1000), cpuMs: Math.round(e.tdur / 1000) };
    });
}

export async function traceMainThread(page: Page): Promise<MainThreadRecorder> {
  const browser = page.context().browser()!;
  const start = () =>
    browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await start();
  return {
    async take() {
      const trace = JSON.parse((await browser.stopTracing()).toString()) as
        { traceEvents: TraceEvent[] } | TraceEvent[];
      await start();
      return longTasksOf(Array.isArray(trace) ? trace : trace.traceEvents);
    },
    async stop() {
      await browser.stopTracing();
    },
  };
}
