#!/usr/bin/env node
// Fails when a tracked source, test, config or doc file refers to a path outside the repository: a relative path
// that climbs above the root, or the design notes' folder beside a checkout.
// A user's clone has only the repository, so everything the project reads must live in it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHECKED = /\.(ts|tsx|mts|mjs|js|cjs|json|wgsl|html|md|py|sh|css|yml|yaml)$/;
const SKIPPED = /(^|\/)package-lock\.json$/;
/** a relative path: one or more `../` then a name */
const CLIMB = /(?:\.\.\/)+[\w@.-][^\s'"`)\]>,;]*/g;
/** the design-notes folder beside a checkout, however it is spelled */
const SIBLING = /\.\.\/shared\b/;

/** The references in `text` (of `file`, relative to the root) that point outside the repository. */
export function outsideReferences(file, text) {
  const problems = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (SIBLING.test(line))
      problems.push({ line: i + 1, ref: line.match(SIBLING)[0], why: 'the folder beside the checkout' });
    for (const match of line.matchAll(CLIMB)) {
      const target = resolve(root, dirname(file), match[0]);
      const rel = relative(root, target);
      if (rel === '..' || rel.startsWith(`..${sep}`))
        problems.push({ line: i + 1, ref: match[0], why: 'climbs out of the repository' });
    }
  });
  return problems;
}

function main() {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f && CHECKED.test(f) && !SKIPPED.test(f));
  let count = 0;
  for (const file of files) {
    let text;
    try {
      text = readFileSync(join(root, file), 'utf8');
    } catch {
      continue; // deleted in the work tree
    }
    for (const p of outsideReferences(file, text)) {
      console.error(`${file}:${p.line}: "${p.ref}" ${p.why}`);
      count++;
    }
  }
  if (count > 0) {
    console.error(
      `check-standalone: ${count} reference(s) outside the repository; bring what is needed into the repo.`,
    );
    process.exit(1);
  }
  console.log(`check-standalone: ${files.length} files, no reference outside the repository`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
