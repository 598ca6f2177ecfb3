import { ApiErrorBodySchema } from "@taskforge/schema";
import { z } from "zod";

import { operationDef } from "./operations";
import type { RestRoute } from "./route";

/** Scale's body: the route's own description of it, or its operation's output schema. */
const responseSchema = (route: RestRoute): z.ZodType => {
  const output = operationDef(route.operation)?.output;
  if (route.response) return route.response;
  if (!output) throw new Error(`${route.method} ${route.path}: its operation has no output schema`);
  return output;
};

const jsonSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });

const queryParameters = (schema: z.ZodType | undefined) => {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema, "input") as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: "query",
    required: required.includes(name),
    schema: property,
    ...(name === "tags" || name === "unique_id" ? { style: "form", explode: true } : {}),
  }));
};

/**
 * OpenAPI 3.1 for `/v1`, generated from the route table and its operations' zod schemas: the same
 * declarations that serve the requests.
 */
export const buildOpenApiDocument = (routes: readonly RestRoute[]) => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const pathParameters = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      summary: route.summary,
      tags: [route.tag],
      parameters: [...pathParameters, ...queryParameters(route.query)],
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: jsonSchema(route.body, "input") } },
            },
          }
        : {}),
      responses: {
        "200": {
          description: "Success",
          content: { "application/json": { schema: jsonSchema(responseSchema(route), "output") } },
        },
        default: {
          description:
            "Error: 400 invalid input, 401 bad key, 404 not found, 409 conflict, 413 body too large, 429 rate limited",
          content: { "application/json": { schema: jsonSchema(ApiErrorBodySchema, "output") } },
        },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "taskforge Task API",
      version: "1",
      description:
        "Compatible with Scale AI's Task API v1: point a Scale SDK at this server's /v1.",
    },
    servers: [{ url: "/v1" }],
    security: [{ basic: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        basic: {
          type: "http",
          scheme: "basic",
          description: "The API key as the username, empty password",
        },
        bearer: { type: "http", scheme: "bearer", description: "The API key" },
      },
    },
    paths,
  };
};
