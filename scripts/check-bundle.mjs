// Fails when the JavaScript the built page loads up front (entry scripts and their modulepreloads in
// dist/index.html) exceeds the budget, gzipped. Lazy chunks (plotly, the Worker) are not counted.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 400;
const html = readFileSync('dist/index.html', 'utf8');
const files = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map(
  (m) => m[1],
);
if (files.length === 0) throw new Error('no entry script found in dist/index.html');
let total = 0;
for (const file of files) {
  const kb = gzipSync(readFileSync(`dist/${file.replace(/^\.?\//, '')}`)).length / 1024;
  total += kb;
  console.log(`initial JS ${file}: ${kb.toFixed(1)} kB gzip`);
}
console.log(`initial JS total: ${total.toFixed(1)} kB gzip (budget ${BUDGET_KB} kB)`);
if (total > BUDGET_KB) {
  console.error(`initial JS is over budget by ${(total - BUDGET_KB).toFixed(1)} kB`);
  process.exit(1);
}
