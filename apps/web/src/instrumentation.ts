// Next.js calls register() once per server start, before requests are served: the database opens
// and migrates here, so /api/health turns 200 only once the schema is current.
export async function register() {
  // Next.js sets NEXT_RUNTIME and replaces it at build time; it is no setting of ours.
  // eslint-disable-next-line no-restricted-properties -- see above
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Under `pnpm start`, the node:http entry (scripts/serve.ts) started the runtime before Next.js:
    // waiting for it here keeps the bundle's own copy of the server code unloaded until a page
    // needs it.
    const started = (globalThis as { taskforgeRuntime?: Promise<unknown> }).taskforgeRuntime;
    if (started) {
      await started.catch(() => undefined);
      return;
    }
    const { getRuntime } = await import("./server/runtime");
    await getRuntime();
  }
}
