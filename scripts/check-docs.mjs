// Checks that the docs match the tree: every repository path docs/architecture.md names (in backticks, with a
// slash) exists, and every folder under src/ is named there. Run by `npm test`; exits 1 with the list otherwise.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOTS = ['src/', 'shaders/', 'e2e/', 'scripts/', 'bench/', 'docs/', 'lab/', 'public/'];

/** Every folder under `dir`, as `dir/…/` paths. */
export function foldersUnder(root, dir) {
  return readdirSync(join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => [`${dir}${e.name}/`, ...foldersUnder(root, `${dir}${e.name}/`)]);
}

/** What is wrong with `doc` against the tree: paths it names that are missing, folders it does not name. */
export function architectureProblems(doc, exists, folders) {
  const named = [...doc.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1].replace(/[),.:;]+$/, ''))
    .filter((p) => ROOTS.some((r) => p.startsWith(r)));
  const missing = [...new Set(named)].filter((p) => !exists(p)).map((p) => `names ${p}, which does not exist`);
  const unnamed = folders
    .filter((f) => !named.some((p) => p === f || p === f.slice(0, -1)))
    .map((f) => `does not name the folder ${f}`);
  return [...missing, ...unnamed];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  const doc = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
  const folders = foldersUnder(root, 'src/').filter((f) => !f.startsWith('src/testing/fixtures/'));
  const problems = architectureProblems(doc, (p) => existsSync(join(root, p)), folders);
  if (problems.length > 0) {
    console.error(`docs/architecture.md does not match the tree:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`check-docs: docs/architecture.md names ${folders.length} folders of src/, every path it names exists`);
}
