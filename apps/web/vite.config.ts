import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
    // After the files are written: the chunks' code is final only then (Vite fills in its preload lists late). Only
    // this build's files and the public folder's (the way in's build runs second and leaves the app's files be).
    writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      const written = new Set(Object.keys(bundle));
      for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
        if (!/\.(?:js|css|html|svg|json|txt)$/.test(name)) continue;
        if (name.startsWith('assets/') && !written.has(name)) continue;
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

/** The public pages' addresses, which get way-in.html (the server does the same, apps/server/src/app.ts). */
const WAY_IN_PATH = /^\/p\/[^/?#]+(?:[/?#]|$)/;

/** The dev and preview servers answer the public pages' addresses with way-in.html, as the server does. */
function wayInPages(): Plugin {
  const rewrite = (req: { url?: string }, _res: unknown, next: () => void) => {
    if (req.url && WAY_IN_PATH.test(req.url)) req.url = '/way-in.html';
    next();
  };
  return {
    name: 'trellis-way-in-pages',
    configureServer(server) {
      server.middlewares.use(rewrite);
    },
    configurePreviewServer(server) {
      server.middlewares.use(rewrite);
    },
  };
}

/**
 * Two builds into one dist (scripts/build-web.mjs runs both): the staff app (index.html), then, with `--mode way-in`,
 * the public way in (way-in.html) on its own, so its first page is one script and one small style sheet with nothing
 * shared with the staff app's chunks (15 files before; each a request on a phone before the programs show).
 */
const WAY_IN_MODE = 'way-in';

// No React plugin: esbuild compiles JSX with the automatic runtime, which is all this app needs.
export default defineConfig(({ mode }) => ({
  esbuild: { jsx: 'automatic' },
  plugins: [precompress(), wayInPages()],
  server: {
    port: 5173,
    // The API runs on :3000 in development (TRELLIS_API_URL to point elsewhere). The Host header is kept so the server
    // sees the page's own origin, which its sign-in origin check trusts.
    proxy: { '/api': { target: process.env.TRELLIS_API_URL ?? 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: mode !== WAY_IN_MODE,
    rollupOptions: {
      input: fileURLToPath(new URL(mode === WAY_IN_MODE ? 'way-in.html' : 'index.html', import.meta.url)),
      output: {
        // The chunk with React and Mantine's provider; Rollup would name it after its first module, Vite's preload
        // helper. The way in's chunks are named as its own.
        chunkFileNames: (chunk) =>
          mode === WAY_IN_MODE
            ? 'assets/way-in-[name]-[hash].js'
            : chunk.moduleIds.some((id) => id.includes('/node_modules/react-dom/'))
              ? 'assets/shared-[hash].js'
              : 'assets/[name]-[hash].js',
      },
      onwarn(warning, warn) {
        // Libraries ship "use client" directives and annotations Rollup cannot place; harmless, and not ours to fix.
        const noise = warning.code === 'MODULE_LEVEL_DIRECTIVE' || warning.code === 'INVALID_ANNOTATION';
        if (noise && warning.id?.includes('/node_modules/')) return;
        warn(warning);
      },
    },
  },
}));
