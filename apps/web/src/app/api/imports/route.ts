import { operationResponse } from "~/server/session";

/**
 * The dashboard's bulk import: the browser streams the file as the body (`?format=jsonl|csv&type=
 * &filename=&job_id=`) to the operation behind `POST /v1/imports`, under the member's session, and
 * polls `imports.get` with its own `job_id` meanwhile. Answers the finished job.
 */
export const POST = (request: Request): Promise<Response> =>
  operationResponse(request, "imports.start", () => ({
    ...Object.fromEntries(new URL(request.url).searchParams),
    body: request.body,
  }));

export const dynamic = "force-dynamic";
