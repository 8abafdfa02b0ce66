/**
 * A python3 with PyTorch for the interop tests (Debian: python3-torch), or undefined. Without one the tests are
 * skipped with the reason printed, except under CI=true, where `.ci/run` installs it and its absence fails the suite.
 */
import { spawnSync } from 'node:child_process';

export const torchPython: string | undefined = ['python3', '/usr/bin/python3'].find(
  (p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0,
);

export const torchRequired = process.env.CI === 'true' || process.env.CI === '1';

if (!torchPython && !torchRequired)
  console.warn('PyTorch interop tests SKIPPED: no python3 with torch found (Debian: apt-get install python3-torch)');
