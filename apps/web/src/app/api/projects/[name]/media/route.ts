import { operationResponse } from "~/server/session";

/**
 * The dashboard's drop zone: the browser sends each dropped file as the body (`?filename=`), one
 * request per file, to the operation behind `POST /v1/projects/{name}/media`, under the member's
 * session. Answers the tasks made.
 */
export const POST = async (
  request: Request,
  { params }: { params: Promise<{ name: string }> },
): Promise<Response> => {
  const { name } = await params;
  return operationResponse(request, "projects.uploadMedia", () => ({
    name,
    filename: new URL(request.url).searchParams.get("filename") ?? undefined,
    body: request.body,
  }));
};

export const dynamic = "force-dynamic";
