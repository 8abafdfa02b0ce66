/**
 * Fault injection for the e2e tests, present only on a page opened with `?faults`: `window.weightscapeFaults`
 * loses both workers' GPU devices, or puts NaN into the weight-space model before its next epoch.
 */
import { fitClient } from './fitClient';
import { learnClient } from './learnClient';

export function installFaultHooks(): void {
  if (!new URLSearchParams(location.search).has('faults')) return;
  Object.assign(window, {
    weightscapeFaults: {
      loseDevice: () => {
        fitClient.loseDevice();
        learnClient.injectFault('lose-device');
      },
      injectNan: () => learnClient.injectFault('inject-nan'),
    },
  });
}
