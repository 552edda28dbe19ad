/**
 * Builds the web app into `web/dist/`, served at `/` by the local server (DESIGN 3.3) and from S3
 * behind CloudFront in the cloud. The API is on the same origin, so the app calls relative paths.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/** The design system's prebuilt modules, whose unused components should not reach the bundle. */
const DESIGN_SYSTEM = /@rijkshuisstijl-community\/components-react|@utrecht\/component-library-react/;

/**
 * Drops the `X.displayName = '…'` statements of the design system's modules. Each is a property
 * write, which keeps its component alive even where the app never uses it; the names serve only
 * React's developer tools.
 */
function withoutDisplayNames(): Plugin {
  return {
    name: 'without-display-names',
    enforce: 'pre',
    transform(code, id) {
      if (!DESIGN_SYSTEM.test(id)) return null;
      return { code: code.replace(/^[\w$]+\.displayName = (['"`]).*?\1;$/gm, ''), map: null };
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react(), withoutDisplayNames()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Keeps the bundle CSP-friendly: no inline scripts, no eval.
    modulePreload: { polyfill: false },
    // Which files the first page loads (the entry and what it imports): `npm run bench` sums them.
    manifest: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // The design system's React packages are prebuilt single modules whose components are made
      // by top-level calls (forwardRef, jsx, the icons' createReactComponent): a bundler must
      // assume a call has effects, so every component and icon of the library stayed in the first
      // page (1.3 MB). These calls are pure; saying so lets the bundler drop what the app does not
      // use. The injected CSS (styleInject) stays: it has an effect.
      treeshake: {
        manualPureFunctions: ['forwardRef', 'createContext', 'jsx', 'jsxs', 'createReactComponent'],
      },
    },
  },
});
