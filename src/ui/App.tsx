import { lazy, Suspense, useEffect } from 'react';
import { FitPanel } from './FitPanel';
import { GpuStatus } from './GpuStatus';
import { HelpDialog } from './HelpDialog';

// below the fold, with the weight-space code behind it: loaded after the fit panel
const LearnPanel = lazy(() => import('./LearnPanel').then((m) => ({ default: m.LearnPanel })));
const AlignPanel = lazy(() => import('./AlignPanel').then((m) => ({ default: m.AlignPanel })));
const AugmentPanel = lazy(() => import('./AugmentPanel').then((m) => ({ default: m.AugmentPanel })));
const SymmetryPanel = lazy(() => import('./SymmetryPanel').then((m) => ({ default: m.SymmetryPanel })));
import { fitController } from './fitController';
import { installFaultHooks } from './faultHooks';
import { DemoGallery } from './DemoGallery';
import { DemoGuide } from './DemoGuide';
import { HiddenControls } from './HiddenControls';
import { ShareButton } from './ShareButton';
import { startTheme } from './theme';
import { ThemeToggle } from './ThemeToggle';
import { UrlNotice } from './UrlNotice';
import { startUrlSync } from './urlSync';

export function App() {
  useEffect(() => {
    startTheme();
    fitController.start();
    startUrlSync();
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
        <UrlNotice />
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
        SIREN INRs and the equivariant networks that read them, trained by hand-written WGSL kernels in your browser. Nothing leaves this page.
      </footer>
    </div>
  );
}
