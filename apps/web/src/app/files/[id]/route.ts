import { serveSignedFile } from "@taskforge/api";

import { getRuntime } from "~/server/runtime";

// Attachments through short-lived signed URLs (`files.signedUrl`): the signature is the capability,
// so no session is needed, and an expired or altered link is refused.
const handler = async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  return serveSignedFile((await getRuntime()).db, id, request);
};

export const dynamic = "force-dynamic";
export { handler as GET, handler as HEAD };
