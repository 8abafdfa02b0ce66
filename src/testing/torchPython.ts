/**
 * A python3 with PyTorch for the interop tests (Debian: python3-torch), or undefined. Without one the tests are
 * skipped with the reason printed, except on CI (testing/python.ts), where its absence fails the suite.
 */
import { onCi, pythonWith } from './python';

export const torchPython: string | undefined = pythonWith('torch');

if (!torchPython && !onCi)
  console.warn('PyTorch interop tests SKIPPED: no python3 with torch found (Debian: apt-get install python3-torch)');
