import { AppError, logger, runImport } from "@taskforge/api";
import { StartImportInputSchema } from "@taskforge/schema";

import { errorResponse, requestScope } from "~/server/session";

/**
 * The dashboard's bulk import: the browser streams the file as the body (`?format=jsonl|csv&type=
 * &filename=&job_id=`) to the same service as `POST /v1/imports`, under the member's session, and
 * polls `imports.get` with its own `job_id` meanwhile. Answers the finished job.
 */
export const POST = async (request: Request): Promise<Response> => {
  try {
    const scope = await requestScope(request, "manage_work");
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const input = StartImportInputSchema.safeParse(query);
    if (!input.success) {
      throw new AppError(
        "bad_request",
        input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      );
    }
    return Response.json(await runImport(scope, input.data, request.body));
  } catch (error) {
    if (!(error instanceof AppError)) logger.error({ err: error }, "dashboard import failed");
    return errorResponse(error);
  }
};

export const dynamic = "force-dynamic";
