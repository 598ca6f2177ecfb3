import { handleTrpc } from "~/server/trpc-handler";

// `pnpm start` answers /api/trpc in its node:http entry before Next.js (src/server/http); this route
// serves `next dev` with the same handler.
const handler = (req: Request) => handleTrpc(req);

export { handler as GET, handler as POST };
