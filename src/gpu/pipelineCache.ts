/**
 * Compute pipelines keyed by everything that changes their WGSL (the "shader key"); each labelled with its
 * program name, so validation errors and captures say which kernel.
 * `prepare` compiles ahead with createComputePipelineAsync: a synchronous compile holds the GPU process, and with
 * it every canvas of the page, for as long as it takes (seconds for the unrolled SIREN kernel on SwiftShader).
 * Bounded: a long session tries many architectures and ω0 values (each its own SIREN shader), so the least recently
 * used pipelines and modules are dropped beyond `capacity` (a kernel object that holds one keeps it alive), and a
 * compile that failed is forgotten, so the next request tries again.
 */
export const PIPELINE_CACHE_CAPACITY = 128;

export class PipelineCache {
  private readonly pipelines = new Map<string, GPUComputePipeline>();

  constructor(
    private readonly device: GPUDevice,
    private readonly capacity = PIPELINE_CACHE_CAPACITY,
  ) {}

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
    const pipeline =
      this.pipelines.get(id) ??
      this.device.createComputePipeline(this.descriptor(name, key, code, entryPoint, constants));
    remember(this.pipelines, id, pipeline, this.capacity);
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
      compiling = this.device.createComputePipelineAsync(this.descriptor(name, key, code, entryPoint, constants)).then(
        (pipeline) => {
          remember(this.pipelines, id, pipeline, this.capacity);
          this.compiling.delete(id);
        },
        (err: unknown) => {
          this.compiling.delete(id); // not cached: a later request compiles again
          throw err;
        },
      );
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
    const module = this.modules.get(moduleId) ?? this.device.createShaderModule({ label: moduleId, code: code() });
    remember(this.modules, moduleId, module, this.capacity);
    return {
      label: pipelineId(name, key, entryPoint, constants),
      layout: 'auto',
      compute: { module, entryPoint, ...(constants ? { constants } : {}) },
    };
  }

  /** pipelines held (at most `capacity`) */
  get size(): number {
    return this.pipelines.size;
  }

  /** shader modules held (at most `capacity`) */
  get moduleCount(): number {
    return this.modules.size;
  }
}

/** Puts `key` last in `map` (most recently used) and drops the least recently used beyond `capacity`. */
function remember<T>(map: Map<string, T>, key: string, value: T, capacity: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > capacity) map.delete(map.keys().next().value!);
}

function pipelineId(name: string, key: string, entryPoint: string, constants?: Record<string, number>): string {
  const values = constants ? Object.entries(constants).map(([k, v]) => `${k}=${v}`) : [];
  return `${name}.${entryPoint}[${[key, ...values].filter(Boolean).join('|')}]`;
}
