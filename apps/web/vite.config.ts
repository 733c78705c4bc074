import { defineConfig } from 'vite';

// No React plugin: esbuild compiles JSX with the automatic runtime, which is all this app needs.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  server: {
    port: 5173,
    // The API runs on :3000 in development (TRELLIS_API_URL to point elsewhere). The Host header is kept so the server
    // sees the page's own origin, which its sign-in origin check trusts.
    proxy: { '/api': { target: process.env.TRELLIS_API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // Libraries ship "use client" directives and annotations Rollup cannot place; harmless, and not ours to fix.
        const noise = warning.code === 'MODULE_LEVEL_DIRECTIVE' || warning.code === 'INVALID_ANNOTATION';
        if (noise && warning.id?.includes('/node_modules/')) return;
        warn(warning);
      },
      output: {
        manualChunks(id) {
          if (id.includes('/node_modules/recharts/') || id.includes('/node_modules/d3-') || id.includes('/node_modules/@mantine/charts/')) return 'charts';
          if (id.includes('/node_modules/@mantine/') || id.includes('/node_modules/@floating-ui/')) return 'mantine';
          if (id.includes('/node_modules/react') || id.includes('/node_modules/scheduler/') || id.includes('/node_modules/@tanstack/')) return 'react';
          if (id.includes('/node_modules/zod/') || id.includes('/node_modules/temporal-polyfill/') || id.includes('/packages/core/')) return 'core';
          return undefined;
        },
      },
    },
  },
});
