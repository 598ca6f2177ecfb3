import type { Permission } from "@taskforge/schema";
import type { z } from "zod";

import type { Scope } from "../scope";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** What a route sees of its request, after routing and body parsing. */
export type RouteRequest = {
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  body: unknown;
  headers: Headers;
  /** The untouched request, for `rawBody` routes that stream it (uploads, imports). */
  request: Request;
};

/**
 * One `/v1` endpoint. `toInput` shapes the request into the service's input, which `input` (the
 * shared zod schema the tRPC procedure uses too) validates; `body`, `query` and `response` describe
 * the wire for the OpenAPI document.
 */
export type RestRoute<Input = unknown> = {
  method: HttpMethod;
  /** Relative to /v1, with `:name` path parameters. */
  path: string;
  /** What the key's roles must allow (a denied key gets 403). */
  access: Permission;
  summary: string;
  tag: "Tasks" | "Projects" | "Batches" | "Callbacks" | "Files" | "Imports" | "Exports";
  /** The handler reads `request.request`'s body itself (multipart, streams); nothing is parsed. */
  rawBody?: true;
  body?: z.ZodType;
  query?: z.ZodType;
  response: z.ZodType;
  input: z.ZodType<Input>;
  toInput(request: RouteRequest): unknown;
  /** Returns the JSON body, or a whole `Response` (downloads). */
  handle(scope: Scope, input: Input, request: RouteRequest): Promise<unknown>;
};

/** Keeps the link between a route's input schema and its handler's argument type. */
export const defineRoute = <Input>(route: RestRoute<Input>): RestRoute => route;
