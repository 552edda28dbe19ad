/**
 * Builds the web app into `web/dist/`, served at `/` by the local server (DESIGN 3.3) and from S3
 * behind CloudFront in the cloud. The API is on the same origin, so the app calls relative paths.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Keeps the bundle CSP-friendly: no inline scripts, no eval.
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 2000,
  },
});
