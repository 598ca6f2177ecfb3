// Next.js calls register() once per server start, before requests are served: the database opens
// and migrates here, so /api/health turns 200 only once the schema is current.
export async function register() {
  // Next.js sets NEXT_RUNTIME and replaces it at build time; it is no setting of ours.
  // eslint-disable-next-line no-restricted-properties -- see above
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getRuntime } = await import("./server/runtime");
    await getRuntime();
  }
}
