import NextAuth from "next-auth";

import { authOptions } from "~/server/auth";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// Options depend on the runtime (database, secret), so they are built per request.
const handler = async (req: Request, context: RouteContext): Promise<Response> =>
  (await NextAuth(req as never, context as never, await authOptions())) as Response;

export { handler as GET, handler as POST };
