import { existsSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built page's Content-Security-Policy: scripts, workers, data and connections from its own origin only, no
 * inline script, no eval. Inline styles stay allowed (React style attributes, plotly's injected styles). Not in dev:
 * the dev server's React refresh preamble is an inline script.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const contentSecurityPolicy = (): Plugin => ({
  name: 'content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
});

export default defineConfig({
  // relative asset URLs: the built app works from any path (GitHub pages, a sub-folder, file servers)
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  // Fashion-MNIST is offered where `npm run data` (run before dev and build) found it (data/imageDatasets.ts)
  define: {
    'import.meta.env.VITE_FMNIST': JSON.stringify(
      existsSync(new URL('public/fmnist/fmnist-70k.bin', import.meta.url)) ? '1' : '',
    ),
  },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 5000 },
  preview: { port: 4173, strictPort: true },
});
