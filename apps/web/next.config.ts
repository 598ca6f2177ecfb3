import type { NextConfig } from "next";

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@taskforge/api", "@taskforge/db", "@taskforge/editors", "@taskforge/schema"],
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: false },
};

export default config;
