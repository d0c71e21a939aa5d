import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const r = (p: string) => resolve(import.meta.dirname, p);

/**
 * Three bundles: the Electron main process (ESM), the sandboxed preload (one CommonJS file — a
 * sandboxed preload cannot load ES modules or other files) and the React renderer.
 * The engine host (electron/core/host.ts) is a second main-process entry: the utilityProcess runs it.
 */
export default defineConfig({
  main: {
    build: {
      outDir: r('out/main'),
      rolldownOptions: {
        input: { index: r('electron/main/index.ts'), 'engine-host': r('electron/core/host.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: r('out/preload'),
      // A sandboxed preload can require only `electron`: every npm import (zod, via the contract's
      // channel names) must be bundled into the one file, not left as require('zod').
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: r('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: r('renderer'),
    base: './',
    plugins: [react()],
    // The intake worker is an ES module worker (`new Worker(new URL(…), { type: 'module' })`), served
    // from 'self' like every script: the CSP's worker-src allows nothing else (no blob: workers).
    worker: { format: 'es' },
    build: {
      outDir: r('out/renderer'),
      // electron-vite leaves the renderer unminified: 2.6 MB of script to evaluate before the first
      // paint (the 100k Queue bench's start-up task). Minified, the page starts measurably sooner.
      minify: true,
      rolldownOptions: {
        input: {
          index: r('renderer/index.html'),
          // Until the intake screen imports it, the page-side reader is its own entry, so the built
          // bundle contains the worker and the e2e test can prove it runs under the CSP
          // (test/e2e/intake-worker.spec.ts). Remove this line once a screen imports lib/intake-reader.
          'intake-reader': r('renderer/src/lib/intake-reader.ts'),
        },
        preserveEntrySignatures: 'exports-only',
      },
    },
  },
});
