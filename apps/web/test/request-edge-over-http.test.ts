// The edge of the built server. Malformed requests against every kind of route (REST, tRPC, next-auth,
// signed files, downloads, pages): each is answered with a JSON 4xx in the REST error shape
// `{status_code, error}`, never a 5xx and never an empty body. Requests are written byte for byte
// on a socket, since fetch would refuse (or repair) most of them before sending. And the security
// headers every answer carries: a nonce-based Content-Security-Policy on pages, none on the API.
import { connect } from "node:net";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startServer, temporaryDirectory, waitForHealthy } from "./server";
import type { RunningServer } from "./server";

let server: RunningServer;
let host: string;
const data = temporaryDirectory();

beforeAll(async () => {
  server = await startServer({ TASKFORGE_DATA_DIR: data.dir });
  await waitForHealthy(server);
  host = new URL(server.baseUrl).host;
});
afterAll(async () => {
  await server.stop();
  data.remove();
});

type RawAnswer = { status: number; headers: Map<string, string>; body: string };

/** A chunked body's content (each chunk is its size in hex, CRLF, the bytes, CRLF). */
const unchunk = (raw: string): string => {
  let body = "";
  for (let at = 0; ;) {
    const lineEnd = raw.indexOf("\r\n", at);
    const size = parseInt(raw.slice(at, lineEnd), 16);
    if (!size) return body;
    body += raw.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
};

/** Sends `head` (request line and headers, without the blank line) and `body` as they are. */
const sendRaw = (head: string, body = ""): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const { port, hostname } = new URL(server.baseUrl);
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const [statusLine = "", ...lines] = text.slice(0, split).split("\r\n");
      const headers = new Map<string, string>();
      for (const line of lines) {
        const colon = line.indexOf(":");
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      const raw = text.slice(split + 4);
      const body = headers.get("transfer-encoding") === "chunked" ? unchunk(raw) : raw;
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body });
    });
    const length = body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : "";
    socket.write(`${head}\r\n${length}Connection: close\r\n\r\n${body}`);
  });

const get = (path: string, headers: string[] = [`Host: ${host}`], method = "GET") =>
  sendRaw([`${method} ${path} HTTP/1.1`, ...headers].join("\r\n"));

/** The answer is a 4xx (or `status`) whose JSON body is the REST error shape with that status. */
const expectJsonRefusal = (answer: RawAnswer, what: string, status?: number) => {
  const context = `${what} -> ${answer.status} ${answer.headers.get("content-type")} ${answer.body.slice(0, 300)}`;
  if (status) expect(answer.status, context).toBe(status);
  expect(answer.status, context).toBeGreaterThanOrEqual(400);
  expect(answer.status, context).toBeLessThan(500);
  expect(answer.headers.get("content-type"), context).toContain("application/json");
  const parsed = JSON.parse(answer.body) as { status_code: unknown; error: unknown };
  expect(parsed.status_code, context).toBe(answer.status);
  expect(typeof parsed.error === "string" && parsed.error.length > 0, context).toBe(true);
};

// One path of each kind of route the server has.
const ROUTES = [
  "/v1/task/%zz",
  "/v1/%E0%A4%A",
  "/api/trpc/tasks.get%zz",
  "/api/auth/session%zz",
  "/api/auth/%ff",
  "/files/%zz",
  "/api/exports/%zz/download",
  "/api/imports/%zz/errors",
  "/api/projects/%zz/media",
  "/projects/%zz",
  "/%zz",
];

describe("malformed requests are refused with a JSON 4xx on every route", () => {
  it("answers a path with bad percent-encoding with 400", async () => {
    for (const path of ROUTES) expectJsonRefusal(await get(path), path, 400);
    const upload = await sendRaw(
      `POST /api/projects/%zz/media HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json`,
      "{}",
    );
    expectJsonRefusal(upload, "POST with a body", 400);
  });

  it("answers a missing or malformed Host or X-Forwarded-Host with 400", async () => {
    for (const path of ["/v1/tasks", "/api/auth/session", "/sign-in", "/api/trpc/account.me"]) {
      for (const headers of [
        ["Host: ["],
        ["Host: a b"],
        ["Host: evil.example/path"],
        [`Host: ${host}`, "X-Forwarded-Host: ["],
        [`Host: ${host}`, "X-Forwarded-Host: a b, ok.example"],
      ]) {
        expectJsonRefusal(await get(path, headers), `${path} ${headers.join(" ")}`, 400);
      }
      expectJsonRefusal(
        await sendRaw(`GET ${path} HTTP/1.0`),
        `${path} without Host (HTTP/1.0)`,
        400,
      );
    }
  });

  it("answers a page action from a null, foreign or malformed Origin with 403", async () => {
    for (const origin of ["null", "http://[", "::::", "http://evil.example"]) {
      const answer = await sendRaw(
        [
          "POST /sign-in HTTP/1.1",
          `Host: ${host}`,
          `Origin: ${origin}`,
          "Next-Action: 7f00000000000000000000000000000000000000",
          "Content-Type: text/plain;charset=UTF-8",
        ].join("\r\n"),
        "[]",
      );
      expectJsonRefusal(answer, `action from ${origin}`, 403);
    }
  });

  it("keeps answering session and tRPC routes normally whatever the Origin", async () => {
    for (const origin of ["null", "http://[", "::::"]) {
      for (const path of ["/api/auth/session", "/api/auth/csrf"]) {
        const answer = await get(path, [`Host: ${host}`, `Origin: ${origin}`]);
        expect(answer.status, `${path} from ${origin}`).toBe(200);
        expect(answer.headers.get("content-type")).toContain("application/json");
      }
      const trpc = await get("/api/trpc/tasks.list", [`Host: ${host}`, `Origin: ${origin}`]);
      expect(trpc.status, `tRPC from ${origin}`).toBe(401);
    }
  });

  it("answers a method a route does not take with a JSON 405", async () => {
    for (const [method, path] of [
      ["DELETE", "/api/auth/session"],
      ["PUT", "/files/abc"],
      ["PATCH", "/api/imports"],
      ["DELETE", "/api/exports/abc/download"],
    ] as const) {
      const answer = await get(path, [`Host: ${host}`], method);
      expectJsonRefusal(answer, `${method} ${path}`, 405);
      expect(answer.body).toContain(`does not take ${method}`);
    }
  });

  it("answers malformed bodies on session routes with 400", async () => {
    for (const body of ["{bad", '"text"', "null", `{"a":${"[".repeat(4000)}${"]".repeat(4000)}}`]) {
      const answer = await sendRaw(
        `POST /api/auth/callback/credentials HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json`,
        body,
      );
      expectJsonRefusal(answer, `next-auth body ${body.slice(0, 20)}`, 400);
    }
    const trpc = await sendRaw(
      `POST /api/trpc/account.signUp HTTP/1.1\r\nHost: ${host}\r\nContent-Type: text/csv`,
      "a,b",
    );
    // tRPC answers in its own envelope, which carries the REST body as `error.data.apiError`.
    expect(trpc.status).toBe(415);
    expect(trpc.headers.get("content-type")).toContain("application/json");
    expect(JSON.parse(trpc.body)).toMatchObject({
      error: { data: { apiError: { status_code: 415 } } },
    });
  });

  it("answers an oversized header block with a JSON 431 and a broken request with a JSON 400", async () => {
    const huge = await get("/v1/tasks", [`Host: ${host}`, `X-Big: ${"a".repeat(20_000)}`]);
    expectJsonRefusal(huge, "20 KB header", 431);
    const longUrl = await get(`/sign-in?${"q".repeat(20_000)}`);
    expectJsonRefusal(longUrl, "20 KB URL", 431);
    const broken = await sendRaw(`GET /v1/tasks HTTP/1.1\r\nHost: ${host}\r\nNo colon here`);
    expectJsonRefusal(broken, "header line without a colon", 400);
  });

  it("still serves pages and the API after all of it", async () => {
    expect((await fetch(`${server.baseUrl}/sign-in`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/api/health`)).status).toBe(200);
    expect(server.output()).not.toMatch(/Invalid Server Actions request|URIError/);
  });
});

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "strict-origin-when-cross-origin",
};

const expectSecurityHeaders = (headers: Headers, what: string) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    expect(headers.get(name), `${what}: ${name}`).toBe(value);
  }
  const policy = headers.get("content-security-policy") ?? "";
  expect(policy, what).toContain("frame-ancestors 'none'");
  return policy;
};

/** The directive `name` of a policy, as its list of sources. */
const directive = (policy: string, name: string) =>
  policy
    .split(";")
    .map((part) => part.trim().split(/\s+/))
    .find(([directiveName]) => directiveName === name)
    ?.slice(1) ?? [];

describe("security headers on every answer", () => {
  it("gives pages a policy whose scripts need this request's nonce, and every script has it", async () => {
    const nonces = new Set<string>();
    for (const path of ["/sign-in", "/sign-up", "/no-such-page"]) {
      const response = await fetch(`${server.baseUrl}${path}`, {
        // A nonce a client proposes is never the one used.
        headers: { "content-security-policy": "script-src 'nonce-chosen-by-client'" },
        redirect: "manual",
      });
      const policy = expectSecurityHeaders(response.headers, path);
      const scripts = directive(policy, "script-src");
      expect(scripts, path).not.toContain("'unsafe-inline'");
      expect(scripts, path).not.toContain("'unsafe-eval'");
      const nonce = scripts.find((source) => source.startsWith("'nonce-"))?.slice(7, -1);
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
      nonces.add(nonce ?? "");
      expect(directive(policy, "object-src")).toEqual(["'none'"]);
      const html = await response.text();
      const tags = html.match(/<script\b[^>]*>/g) ?? [];
      expect(tags.length, path).toBeGreaterThan(0);
      for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
      expect(html).not.toContain("nonce-chosen-by-client");
    }
    expect(nonces.size).toBe(3);
  });

  it("gives API answers, files and refusals a policy that lets nothing run", async () => {
    const answers = [
      await fetch(`${server.baseUrl}/v1/tasks`),
      await fetch(`${server.baseUrl}/api/trpc/tasks.list`),
      await fetch(`${server.baseUrl}/api/health`),
      await fetch(`${server.baseUrl}/api/auth/session`),
      await fetch(`${server.baseUrl}/files/abc?expires=1&signature=x`),
      await fetch(`${server.baseUrl}/api/exports/abc/download`),
      await fetch(`${server.baseUrl}/v1/task/%zz`),
    ];
    for (const response of answers) {
      const policy = expectSecurityHeaders(response.headers, response.url);
      expect(directive(policy, "default-src"), response.url).toEqual(["'none'"]);
    }
  });

  it("shows only known messages on the sign-in page, never text from its URL", async () => {
    const page = async (message: string) =>
      (await fetch(`${server.baseUrl}/sign-in?message=${encodeURIComponent(message)}`)).text();
    expect(await page("external_email_in_use")).toContain(
      "An account with this email already exists",
    );
    const forged = await page("Your account is locked: call +1 555 0100 now");
    // Rendered as text it would stand between tags; the URL itself (encoded) may be in the page.
    expect(forged).not.toMatch(/>[^<]*call \+1 555 0100/);
  });

  it("sends them with static assets too", async () => {
    const html = await (await fetch(`${server.baseUrl}/sign-in`)).text();
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const response = await fetch(`${server.baseUrl}${asset}`);
    expect(response.status).toBe(200);
    expectSecurityHeaders(response.headers, asset ?? "");
  });
});
