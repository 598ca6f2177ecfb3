import { exportDownloadResponse } from "@taskforge/api";
import { ExportIdInputSchema } from "@taskforge/schema";

import { errorResponse, requestScope } from "~/server/session";

/**
 * The dashboard's download link for a finished export: the signed-in member's organization, in the
 * live/test world the dashboard shows. The REST route (`/v1/exports/{id}/download`) serves API keys
 * with the same service.
 */
export const GET = async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  try {
    const scope = await requestScope(request, "read");
    if (!ExportIdInputSchema.safeParse({ id }).success)
      return Response.json({ status_code: 404, error: "Export not found." }, { status: 404 });
    return await exportDownloadResponse(scope, id);
  } catch (error) {
    return errorResponse(error);
  }
};
