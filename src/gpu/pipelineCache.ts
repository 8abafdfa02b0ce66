/**
 * Compute pipelines keyed by everything that changes their WGSL (the "shader key"); each labelled with its
 * program name, so validation errors and captures say which kernel.
 * `prepare` compiles ahead with createComputePipelineAsync: a synchronous compile holds the GPU process, and with
 * it every canvas of the page, for as long as it takes (seconds for the unrolled SIREN kernel on SwiftShader).
 */
export class PipelineCache {
  private readonly pipelines = new Map<string, GPUComputePipeline>();

  constructor(private readonly device: GPUDevice) {}

  private readonly modules = new Map<string, GPUShaderModule>();
  private readonly compiling = new Map<string, Promise<void>>();

  /** `constants`: values of the shader's `override` declarations (part of the pipeline's identity, not the module's). */
  get(
    name: string,
    key: string,
    code: () => string,
    entryPoint: string,
    constants?: Record<string, number>,
  ): GPUComputePipeline {
    const id = pipelineId(name, key, entryPoint, constants);
    let pipeline = this.pipelines.get(id);
    if (!pipeline) {
      pipeline = this.device.createComputePipeline(this.descriptor(name, key, code, entryPoint, constants));
      this.pipelines.set(id, pipeline);
    }
    return pipeline;
  }

  /** Compiles the pipeline off the GPU process's main thread, so that a later `get` finds it ready. */
  async prepare(
    name: string,
    key: string,
    code: () => string,
    entryPoint: string,
    constants?: Record<string, number>,
  ): Promise<void> {
    const id = pipelineId(name, key, entryPoint, constants);
    if (this.pipelines.has(id)) return;
    let compiling = this.compiling.get(id);
    if (!compiling) {
      compiling = this.device
        .createComputePipelineAsync(this.descriptor(name, key, code, entryPoint, constants))
        .then((pipeline) => {
          this.pipelines.set(id, pipeline);
          this.compiling.delete(id);
        });
      this.compiling.set(id, compiling);
    }
    await compiling;
  }

  private descriptor(
    name: string,
    key: string,
    code: () => string,
    entryPoint: string,
    constants?: Record<string, number>,
  ): GPUComputePipelineDescriptor {
    const moduleId = `${name}[${key}]`;
    let module = this.modules.get(moduleId);
    if (!module) {
      module = this.device.createShaderModule({ label: moduleId, code: code() });
      this.modules.set(moduleId, module);
    }
    return {
      label: pipelineId(name, key, entryPoint, constants),
      layout: 'auto',
      compute: { module, entryPoint, ...(constants ? { constants } : {}) },
    };
  }

  get size(): number {
    return this.pipelines.size;
  }
}

function pipelineId(name: string, key: string, entryPoint: string, constants?: Record<string, number>): string {
  const values = constants ? Object.entries(constants).map(([k, v]) => `${k}=${v}`) : [];
  return `${name}.${entryPoint}[${[key, ...values].filter(Boolean).join('|')}]`;
}
