import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@taskforge/api", "@taskforge/db", "@taskforge/editors", "@taskforge/schema"],
  poweredByHeader: false,
  // gzip in the Node process cost ~10 ms of a 100-task list response (47 KB) and competes with the
  // API for the event loop; a self-hosted install compresses (and terminates TLS) in its reverse proxy.
  compress: false,
  typescript: { ignoreBuildErrors: false },
  // `forbidden()` and `app/forbidden.tsx`: pages a member's roles do not allow answer 403.
  experimental: { authInterrupts: true },
};

export default config;
