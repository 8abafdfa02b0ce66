// The headless CLI (src/cli/main.ts) as one Node module, so its imports of the shaders (`?raw`) resolve as in the app.
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'ws.mjs' } },
  },
});
