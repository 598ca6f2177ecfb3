import { exportDownloadResponse, logger, memberScopeOf, toErrorBody } from "@taskforge/api";

import { ExportIdInputSchema } from "@taskforge/schema";

import { getSessionUser } from "~/server/auth";
import { getRuntime } from "~/server/runtime";
import { currentMode } from "~/server/session";

/**
 * The dashboard's download link for a finished export: the signed-in member's organization, in the
 * live/test world the dashboard shows. The REST route (`/v1/exports/{id}/download`) serves API keys
 * with the same service.
 */
export const GET = async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  const { db } = await getRuntime();
  const user = await getSessionUser();
  const scopes = user ? memberScopeOf(db, user) : null;
  if (!scopes) {
    return Response.json(
      { status_code: 401, error: "Sign in to download exports." },
      { status: 401 },
    );
  }
  if (!ExportIdInputSchema.safeParse({ id }).success) {
    return Response.json({ status_code: 404, error: "Export not found." }, { status: 404 });
  }
  try {
    return await exportDownloadResponse(scopes.scope(await currentMode()), id);
  } catch (error) {
    const body = toErrorBody(error);
    if (body.status_code >= 500)
      logger.error({ err: error, exportId: id }, "export download failed");
    return Response.json(body, { status: body.status_code });
  }
};
