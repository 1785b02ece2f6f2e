// Build and unit-test configuration for the Resume Coach web app.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    sourcemap: false,
    // Keep every asset as a file: the server's CSP allows only same-origin resources.
    assetsInlineLimit: 0,
  },
  server: {
    // Dev only: forward API calls to a locally running server.
    proxy: Object.fromEntries(
      ["/analyze", "/chat", "/items", "/session", "/health", "/documents"].map((p) => [
        p,
        "http://127.0.0.1:8080",
      ]),
    ),
  },
  test: {
    environment: "jsdom",
    globals: true,
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
    restoreMocks: true,
    // Page-level tests drive several requests and renders; a busy machine needs the headroom.
    testTimeout: 20_000,
  },
});
