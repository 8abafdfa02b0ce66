/**
 * What the tests that compare against Python need: a python3 that imports a module, and whether this run is CI
 * (`CI=true`, which `.ci/run` sets). Off CI such a test is skipped with its reason printed; on CI, where `.ci/run`
 * installs what it needs, a missing module fails the suite instead.
 */
import { spawnSync } from 'node:child_process';

export const onCi = process.env.CI === 'true' || process.env.CI === '1';

/** The first python3 (the PATH's, then Debian's) that imports `module`, or undefined. */
export function pythonWith(module: string): string | undefined {
  return ['python3', '/usr/bin/python3'].find(
    (p) => spawnSync(p, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0,
  );
}
