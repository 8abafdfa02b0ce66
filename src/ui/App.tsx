import { useEffect } from 'react';
import { FitPanel } from './FitPanel';
import { GpuStatus } from './GpuStatus';
import { LearnPanel } from './LearnPanel';
import { fitController } from './fitController';

export function App() {
  useEffect(() => fitController.start(), []);
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
        <GpuStatus />
      </header>
      <main>
        <FitPanel />
        <LearnPanel />
      </main>
      <footer className="app-footer">
        SIREN INRs and the equivariant networks that read them, trained by hand-written WGSL kernels in your browser. Nothing leaves this page.
      </footer>
    </div>
  );
}
