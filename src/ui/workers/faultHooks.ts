/**
 * Fault injection for the e2e tests: `window.weightscapeFaults` destroys both workers' GPU devices (the page then
 * meets the loss through the devices' own lost promises, as it would a driver reset), or puts NaN into the
 * weight-space model before its next epoch. Present only in a browser driven by automation (navigator.webdriver)
 * and opened with `?faults`: a link cannot turn it on for a person's browser.
 */
import { fitClient } from './fitClient';
import { learnClient } from './learnClient';

export function installFaultHooks(): void {
  if (!navigator.webdriver || !new URLSearchParams(location.search).has('faults')) return;
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
