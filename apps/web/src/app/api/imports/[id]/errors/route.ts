import { AppError, importErrorReport } from "@taskforge/api";
import { ImportJobIdInputSchema } from "@taskforge/schema";

import { errorResponse, requestScope } from "~/server/session";

/** An import's problems as a downloadable CSV report, for the signed-in member. */
export const GET = async (
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> => {
  try {
    const scope = await requestScope(request, "read");
    const input = ImportJobIdInputSchema.safeParse(await params);
    if (!input.success) throw new AppError("not_found", "Import job not found.");
    return await importErrorReport(scope, input.data.id);
  } catch (error) {
    return errorResponse(error);
  }
};

export const dynamic = "force-dynamic";
