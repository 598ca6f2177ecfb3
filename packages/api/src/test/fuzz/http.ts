import type { RestRoute } from "../../rest/route";

export type RawResponse = { status: number; contentType: string; text: string; json: unknown };

const authorization = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

/** Sends exactly the bytes given (so bodies can be invalid UTF-8 or not JSON at all). */
export const sendRaw = async (
  baseUrl: string,
  key: string,
  method: string,
  path: string,
  body?: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<RawResponse> => {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: authorization(key), "content-type": "application/json", ...headers },
    ...(body !== undefined ? { body } : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    text,
    json,
  };
};

/** encodeURIComponent, except that a lone surrogate becomes the invalid UTF-8 bytes it would be. */
export const encodeSegment = (value: string): string =>
  value
    .split(/([\ud800-\udfff])/)
    .map((part) =>
      /^[\ud800-\udfff]$/.test(part)
        ? Buffer.from(part, "utf16le").toString("hex").replace(/../g, "%$&")
        : encodeURIComponent(part),
    )
    .join("");

/** A route's path with its `:params` replaced (each value URL-encoded as one segment). */
export const fillPath = (route: RestRoute, values: Record<string, string>): string =>
  route.path
    .split("/")
    .map((part) => (part.startsWith(":") ? encodeSegment(values[part.slice(1)] ?? "x") : part))
    .join("/");

export const pathParams = (route: RestRoute): string[] =>
  route.path
    .split("/")
    .filter((part) => part.startsWith(":"))
    .map((part) => part.slice(1));

/** A query string from any value: objects become key=value pairs, everything else a JSON string. */
export const toQueryString = (value: unknown): string => {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "";
  const search = new URLSearchParams();
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    for (const one of Array.isArray(item) ? item : [item]) {
      search.append(key, typeof one === "string" ? one : (JSON.stringify(one) ?? ""));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
};

/** How an error names the fields it complains about: each issue's path appears in the message. */
export const unnamedIssuePaths = (body: unknown): string[] => {
  const { error, issues } = body as { error?: string; issues?: { path: string }[] };
  return (issues ?? [])
    .map((issue) => issue.path)
    .filter((path) => !(error ?? "").includes(path === "" ? "(body)" : path));
};
