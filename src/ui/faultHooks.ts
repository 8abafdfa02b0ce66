/**
 * Fault injection for the e2e tests, present only on a page opened with `?faults`: `window.weightscapeFaults`
 * loses both workers' GPU devices, or puts NaN into the weight-space model before its next epoch.
 */
import { fitController } from './fitController';
import { wsController } from './wsController';

export function installFaultHooks(): void {
  if (!new URLSearchParams(location.search).has('faults')) return;
  Object.assign(window, {
    weightscapeFaults: {
      loseDevice: () => {
        fitController.loseDevice();
        wsController.injectFault('lose-device');
      },
      injectNan: () => wsController.injectFault('inject-nan'),
    },
  });
}
