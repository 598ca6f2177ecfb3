import { badRequest } from "../errors";
import type { HttpMethod, RestRoute } from "./route";

type Segment = { literal: string } | { param: string };
type CompiledRoute = { route: RestRoute; segments: Segment[] };

export type RouteMatch =
  | { kind: "found"; route: RestRoute; params: Record<string, string> }
  | { kind: "wrong_method"; allowed: HttpMethod[] }
  | { kind: "none" };

const compile = (route: RestRoute): CompiledRoute => ({
  route,
  segments: route.path
    .split("/")
    .filter(Boolean)
    .map((part) => (part.startsWith(":") ? { param: part.slice(1) } : { literal: part })),
});

/**
 * Splits the still-encoded path first and decodes each segment after, so a project named
 * `a bc/def` (sent as `a%20bc%2Fdef`) stays one segment. Literal routes win over parameters.
 */
export const createRouter = (routes: readonly RestRoute[]) => {
  const compiled = routes.map(compile).sort((a, b) => {
    const literals = (r: CompiledRoute) => r.segments.filter((s) => "literal" in s).length;
    return literals(b) - literals(a);
  });
  return (method: string, encodedPath: string): RouteMatch => {
    let parts: string[];
    try {
      parts = encodedPath.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      throw badRequest(`The path ${encodedPath} is not correctly URL-encoded.`);
    }
    const allowed: HttpMethod[] = [];
    for (const { route, segments } of compiled) {
      if (segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const fits = segments.every((segment, i) => {
        const part = parts[i] ?? "";
        if ("literal" in segment) return segment.literal === part;
        params[segment.param] = part;
        return true;
      });
      if (!fits) continue;
      if (route.method === method) return { kind: "found", route, params };
      allowed.push(route.method);
    }
    return allowed.length ? { kind: "wrong_method", allowed } : { kind: "none" };
  };
};
