import { getRuntime } from "~/server/runtime";

// Scale-compatible REST API: the framework-free handler of @taskforge/api routes every /v1 request
// itself (it needs the raw path, so that `%2F` inside a project or batch name stays in its segment).
const handler = async (request: Request) => (await getRuntime()).rest(request);

export const dynamic = "force-dynamic";
export { handler as GET, handler as POST, handler as PUT, handler as DELETE };
