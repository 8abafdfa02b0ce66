/**
 * Fault injection for the e2e tests, present only on a page opened with `?faults`: `window.weightscapeFaults`
 * loses both workers' GPU devices, or puts NaN into the weight-space model before its next epoch.
 */
import { fitController } from './fitController';

export function installFaultHooks(): void {
  if (!new URLSearchParams(location.search).has('faults')) return;
  const ws = () => import('./wsController').then((m) => m.wsController);
  Object.assign(window, {
    weightscapeFaults: {
      loseDevice: () => {
        fitController.loseDevice();
        void ws().then((c) => c.injectFault('lose-device'));
      },
      injectNan: () => void ws().then((c) => c.injectFault('inject-nan')),
    },
  });
}
