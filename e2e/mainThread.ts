import type { Page } from '@playwright/test';

/** One main-thread task of the page's renderer: wall time, and the CPU time the thread itself spent in it. */
export interface MainThreadTask {
  wallMs: number;
  cpuMs: number;
}

interface TraceEvent {
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
      const events = Array.isArray(trace) ? trace : trace.traceEvents;
      // the page's renderer, not Chromium's own pages (a "WebUI" renderer also runs in headless mode)
      const chromiums = new Set(
        events.filter((e) => e.name === 'process_name' && /WebUI/.test(e.args?.name ?? '')).map((e) => e.pid),
      );
      const main = new Set(
        events
          .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && !chromiums.has(e.pid))
          .map((e) => `${e.pid}:${e.tid}`),
      );
      return events
        .filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`) && (e.dur ?? 0) >= 50_000)
        .map((e) => ({ wallMs: Math.round((e.dur ?? 0) / 1000), cpuMs: Math.round((e.tdur ?? 0) / 1000) }));
    },
    async stop() {
      await browser.stopTracing();
    },
  };
}
