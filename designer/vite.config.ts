import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server (tools/run.sh: http://127.0.0.1:5080) answers /api; `npm run dev` forwards to it so the
// sign-in cookie is the dev server's own. AUTOMATION_SERVER points elsewhere.
const server = process.env.AUTOMATION_SERVER ?? 'http://127.0.0.1:5080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: server, changeOrigin: false } },
  },
});
