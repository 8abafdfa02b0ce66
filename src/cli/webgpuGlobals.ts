/**
 * GPUBufferUsage, GPUShaderStage, … as globals, as a browser has them. Imported first by main.ts: some kernel modules
 * read these constants when they load.
 */
import { globals } from 'webgpu';

Object.assign(globalThis, globals);
