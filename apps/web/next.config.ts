import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@taskforge/api", "@taskforge/db", "@taskforge/editors", "@taskforge/schema"],
  poweredByHeader: false,
  // gzip in the Node process cost ~10 ms of a 100-task list response (47 KB) and competes with the
  // API for the event loop; a self-hosted install compresses (and terminates TLS) in its reverse proxy.
  compress: false,
  typescript: { ignoreBuildErrors: false },
  experimental: {
    // `forbidden()` and `app/forbidden.tsx`: pages a member's roles do not allow answer 403.
    authInterrupts: true,
    // Pages load on their first request rather than all at start: an instance that serves mostly
    // the API (answered before Next.js, see src/server/http) keeps ~100 MB less resident.
    preloadEntriesOnStart: false,
  },
};

export default config;
