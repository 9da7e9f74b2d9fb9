import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web client. `npm run build:web` writes clients/web/dist, which the API server serves at
 * /; `npm run dev:web` serves it with hot reload and forwards /graphql (HTTP and WebSocket) to
 * a running API server (API_ORIGIN, default http://127.0.0.1:4000).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: {
    proxy: { '/graphql': { target: process.env.API_ORIGIN ?? 'http://127.0.0.1:4000', ws: true } },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
