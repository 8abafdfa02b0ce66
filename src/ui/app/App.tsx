import { lazy, Suspense, useEffect } from 'react';
import { FitPanel } from '../panels/fit/FitPanel';
import { GpuStatus } from './GpuStatus';
import { HelpDialog } from './HelpDialog';

// below the fold, with the weight-space code behind it: loaded after the fit panel
const LearnPanel = lazy(() => import('../panels/learn/LearnPanel').then((m) => ({ default: m.LearnPanel })));
const AlignPanel = lazy(() => import('../panels/align/AlignPanel').then((m) => ({ default: m.AlignPanel })));
const AugmentPanel = lazy(() => import('../panels/augment/AugmentPanel').then((m) => ({ default: m.AugmentPanel })));
const SymmetryPanel = lazy(() =>
  import('../panels/symmetry/SymmetryPanel').then((m) => ({ default: m.SymmetryPanel })),
);
import { fitClient } from '../workers/fitClient';
import { installFaultHooks } from '../workers/faultHooks';
import { DemoGallery } from '../demos/DemoGallery';
import { DemoGuide } from '../demos/DemoGuide';
import { HiddenControls } from '../link/HiddenControls';
import { ShareButton } from '../link/ShareButton';
import { startTheme } from './theme';
import { ThemeToggle } from './ThemeToggle';
import { LinkNotice } from '../link/LinkNotice';
import { startLinkSync } from '../link/linkSync';

export function App() {
  useEffect(() => {
    startTheme();
    fitClient.start();
    startLinkSync();
    installFaultHooks();
  }, []);
  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="logo" aria-hidden>
            ◈
          </span>
          <span className="name">Weightscape</span>
          <span className="tagline">neural networks whose input is other networks' weights</span>
        </div>
        <div className="header-tools">
          <GpuStatus />
          <DemoGallery />
          <ShareButton />
          <ThemeToggle />
          <HelpDialog />
        </div>
      </header>
      <main>
        <HiddenControls />
        <LinkNotice />
        <DemoGuide />
        <FitPanel />
        <Suspense fallback={<p className="hint">Loading the weight-space panel…</p>}>
          <SymmetryPanel />
          <LearnPanel />
          <AlignPanel />
          <AugmentPanel />
        </Suspense>
      </main>
      <footer className="app-footer">
        SIREN INRs and the equivariant networks that read them, trained by hand-written WGSL kernels in your browser.
        Nothing leaves this page.
      </footer>
    </div>
  );
}
