import type { z } from "zod";

import type { OperationPath } from "./operations";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** What a route sees of its request, after routing and body parsing. */
export type RouteRequest = {
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
  headers: Headers;
  /** The untouched request, for `rawBody` routes whose operation streams it (uploads, imports). */
  request: Request;
};

/**
 * One `/v1` endpoint as a wire mapping onto an operation (a tRPC procedure): the procedure owns the
 * access rule, input and output schemas and the service call; the route only says where its input
 * comes from on the wire and what Scale's body is. `body`, `query` and `response` only document the
 * wire shape for the OpenAPI document.
 */
export type RestRoute = {
  method: HttpMethod;
  /** Relative to /v1, with `:name` path parameters. */
  path: string;
  /** The procedure that serves the route; its `meta.access` is the route's access rule. */
  operation: OperationPath;
  /**
   * A second operation, of the same access, that serves the route when `when` holds (the CSV report
   * of an import's errors). Decided from path and query: the body is not read before the checks.
   */
  alternate?: {
    operation: OperationPath;
    when(request: Pick<RouteRequest, "params" | "query">): boolean;
  };
  summary: string;
  tag:
    | "Tasks"
    | "Projects"
    | "Batches"
    | "Callbacks"
    | "Files"
    | "Imports"
    | "Exports"
    | "Teams"
    | "Studio";
  /** The body is streamed to the operation (multipart, files); nothing is parsed here. */
  rawBody?: true;
  body?: z.ZodType;
  query?: z.ZodType;
  /** The wire response where it is not the procedure's output schema (files). */
  response?: z.ZodType;
  /** Path, query and body as the procedure's raw input, which the procedure validates. */
  toInput(request: RouteRequest): unknown;
  /** Scale's body from the procedure's output; the output itself when absent. */
  toBody?(output: unknown): unknown;
};

/** Identity, so the route table reads as declarations and stays checked against the type. */
export const defineRoute = (route: RestRoute): RestRoute => route;
