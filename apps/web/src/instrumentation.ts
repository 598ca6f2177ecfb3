// Next.js calls register() once per server start, before requests are served: the database opens
// and migrates here, so /api/health turns 200 only once the schema is current.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getRuntime } = await import("./server/runtime");
    await getRuntime();
  }
}
