import { operationResponse } from "~/server/session";

/** An import's problems as a downloadable CSV report, for the signed-in member. */
export const GET = async (
  request: Request,
  { params }: { params: Promise<{ id: string }> },
): Promise<Response> => {
  const { id } = await params;
  return operationResponse(request, "imports.errorReport", () => ({ id }));
};

export const dynamic = "force-dynamic";
