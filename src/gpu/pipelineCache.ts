/**
 * Compute pipelines keyed by everything that changes their WGSL (the "shader key"); each labelled with its
 * program name, so validation errors and captures say which kernel.
 */
export class PipelineCache {
  private readonly pipelines = new Map<string, GPUComputePipeline>();

  constructor(private readonly device: GPUDevice) {}

  get(name: string, key: string, code: () => string, entryPoint: string): GPUComputePipeline {
    const id = `${name}:${entryPoint}:${key}`;
    let pipeline = this.pipelines.get(id);
    if (!pipeline) {
      const module = this.device.createShaderModule({ label: `${name}[${key}]`, code: code() });
      pipeline = this.device.createComputePipeline({ label: `${name}.${entryPoint}[${key}]`, layout: 'auto', compute: { module, entryPoint } });
      this.pipelines.set(id, pipeline);
    }
    return pipeline;
  }

  get size(): number {
    return this.pipelines.size;
  }
}
