import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  // relative asset URLs: the built app works from any path (GitHub pages, a sub-folder, file servers)
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 5000 },
  preview: { port: 4173, strictPort: true },
});
