import { useFitStore } from '../../state/fitStore';
import { CPU_ENGINE } from '../../train/fitProtocol';
import { fitClient } from '../workers/fitClient';

/** The adapter in use, or why there is none (three different failures, three different messages). */
export function GpuStatus() {
  const gpu = useFitStore((s) => s.runtime.gpu);
  const engine = useFitStore((s) => s.runtime.engine);
  if (gpu.kind === 'pending') {
    return (
      <div className="gpu-status pending" data-testid="gpu-status">
        Starting WebGPU…
      </div>
    );
  }
  if (gpu.kind === 'ready') {
    return (
      <div
        className={gpu.software ? 'gpu-status software' : 'gpu-status ready'}
        data-testid="gpu-status"
        title={`WebGPU adapter: ${gpu.adapterName}`}
      >
        <span className="dot" /> {adapterLabel(gpu.adapterName, gpu.software)}
      </div>
    );
  }
  return (
    <div className="gpu-status failed" data-testid="gpu-status" role="alert">
      <span className="dot" />
      <span>
        {gpu.message}
        {engine === CPU_ENGINE && <span className="fallback"> Fitting on the CPU instead (slower).</span>}
      </span>
      {gpu.reason === 'device-lost' && (
        <button className="link" onClick={() => fitClient.restart()}>
          Restart GPU
        </button>
      )}
    </div>
  );
}

/** What a teacher needs to read: a software adapter is the CPU, and slower. */
export function adapterLabel(adapterName: string, software: boolean): string {
  if (!software) return `GPU: ${adapterName}`;
  const name = /swiftshader/i.test(adapterName)
    ? 'SwiftShader'
    : /llvmpipe|lavapipe/i.test(adapterName)
      ? 'llvmpipe'
      : 'software WebGPU';
  return `CPU (${name}) — no GPU found: slower`;
}
