import { findUnstorableJson, isRecord } from "@taskforge/schema";
import NextAuth from "next-auth";
import { NextRequest } from "next/server";

import { authOptions } from "~/server/auth";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

const refuse = (error: string) => Response.json({ status_code: 400, error }, { status: 400 });

/**
 * next-auth parses a JSON body itself and fails with a 500 on one that is malformed or not an
 * object; such a body is refused here with 400, and a good one handed on as it came.
 */
const checkedJsonBody = async (req: Request): Promise<Request | Response> => {
  if (req.method !== "POST" || !req.headers.get("content-type")?.includes("application/json")) {
    return req;
  }
  const text = await req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return refuse(`Malformed JSON body: ${(error as Error).message}`);
  }
  if (!isRecord(body)) return refuse("The JSON body must be an object.");
  const found = findUnstorableJson(body);
  if (found) return refuse(`${found.path.join(".")}: ${found.message}`);
  // next-auth reads `nextUrl`, which only a NextRequest has.
  return new NextRequest(req.url, { method: req.method, headers: req.headers, body: text });
};

// Options depend on the runtime (database, secret), so they are built per request.
const handler = async (req: Request, context: RouteContext): Promise<Response> => {
  const checked = await checkedJsonBody(req);
  if (checked instanceof Response) return checked;
  return (await NextAuth(checked as never, context as never, await authOptions())) as Response;
};

export { handler as GET, handler as POST };
