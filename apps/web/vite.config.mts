import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repository = fileURLToPath(new URL('../..', import.meta.url));
/** `npm run dev:web` talks to a running `npm run stack` (its API on PORT, 3000 by default). */
const api = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

/**
 * The web app (apps/web), built into dist/web, which the API serves at `/` (apps/api/src/web/serve-web.ts).
 * `npm run build:web` builds it; `npm run dev:web` serves it with hot reload and the API behind a proxy.
 */
export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    alias: { '@liaison/client': `${repository}libs/client/src/index.ts` },
  },
  build: {
    outDir: `${repository}dist/web`,
    emptyOutDir: true,
    // scripts/web-size.ts reads it to weigh the initial JavaScript.
    manifest: true,
    sourcemap: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/v1': api, '/docs': api, '/health': api },
  },
});
