import { operationResponse } from "~/server/session";

/**
 * The dashboard's download link for a finished export: the operation behind
 * `/v1/exports/{id}/download`, for the signed-in member's organization in the live/test world the
 * dashboard shows.
 */
export const GET = async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  return operationResponse(request, "exports.download", () => ({ id }));
};

export const dynamic = "force-dynamic";
