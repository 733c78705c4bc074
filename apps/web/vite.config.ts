import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every compressible asset at build time; the server sends them
 * as they are (@fastify/static `preCompressed`) instead of compressing on each request.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'trellis-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    // After the files are written: the chunks' code is final only then (Vite fills in its preload lists late).
    writeBundle(options) {
      const dir = options.dir ?? outDir;
      for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (!/\.(?:js|css|html|svg|json|txt)$/.test(name)) continue;
        const path = join(dir, name);
        const bytes = readFileSync(path);
        if (bytes.length < 1024) continue;
        const br = brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        });
        writeFileSync(`${path}.br`, br);
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// No React plugin: esbuild compiles JSX with the automatic runtime, which is all this app needs.
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  plugins: [precompress()],
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
    },
  },
});
