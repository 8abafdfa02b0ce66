/**
 * The lab page: long experiments (zoo generation, weight-space training runs) driven headless by scripts/lab.mjs
 * on the same code the app runs. The query string names the task and its JSON options; the result is left in
 * `window.labResult` (JSON) and files in `window.labFiles` (name → base64), or `window.labError`.
 */
import { runLabTask } from './tasks';

declare global {
  interface Window {
    labResult?: unknown;
    labFiles?: Record<string, string>;
    labError?: string;
    labLog?: string[];
    labInput?: ArrayBuffer;
  }
}

const q = new URLSearchParams(location.search);
const out = document.getElementById('out')!;
window.labLog = [];
const log = (line: string): void => {
  window.labLog!.push(line);
  out.textContent = window.labLog!.slice(-20).join('\n');
};
runLabTask(q.get('task') ?? '', JSON.parse(q.get('options') ?? '{}') as Record<string, unknown>, log).then(
  ({ result, files }) => {
    window.labFiles = files;
    window.labResult = result;
  },
  (e: unknown) => {
    window.labError = e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
    out.textContent = window.labError;
  },
);
