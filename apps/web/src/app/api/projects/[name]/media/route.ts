import { AppError, logger, uploadMedia } from "@taskforge/api";
import { MediaUploadInputSchema } from "@taskforge/schema";

import { errorResponse, requestScope } from "~/server/session";

/**
 * The dashboard's drop zone: the browser sends each dropped file as the body (`?filename=`), one
 * request per file, to the same service as `POST /v1/projects/{name}/media`, under the member's
 * session. Answers the tasks made.
 */
export const POST = async (
  request: Request,
  { params }: { params: Promise<{ name: string }> },
): Promise<Response> => {
  try {
    const scope = await requestScope(request, "manage_work");
    const input = MediaUploadInputSchema.safeParse({
      name: (await params).name,
      filename: new URL(request.url).searchParams.get("filename") ?? undefined,
    });
    if (!input.success) {
      throw new AppError(
        "bad_request",
        input.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      );
    }
    return Response.json(await uploadMedia(scope, input.data, request.body));
  } catch (error) {
    if (!(error instanceof AppError)) logger.error({ err: error }, "dashboard media upload failed");
    return errorResponse(error);
  }
};

export const dynamic = "force-dynamic";
