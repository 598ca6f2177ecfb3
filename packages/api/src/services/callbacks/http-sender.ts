import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";

import { guardedLookup, refusalFor } from "./ssrf";
import type { Resolver, TargetPolicy } from "./ssrf";

/** How one attempt went: a status code when the receiver answered, an error otherwise. */
export type SendOutcome = {
  /** Delivered: a 2xx reply, or an email the SMTP server accepted. */
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** The first bytes of the reply, for the delivery log. */
  excerpt: string | null;
  /** True when trying again cannot help (no SMTP configured, an unusable URL). */
  permanent?: boolean;
};

export type HttpSenderOptions = {
  policy: TargetPolicy;
  timeoutMs: number;
  /** Connections kept per receiver host. */
  maxSockets: number;
  /** Redirect hops followed (each one checked like the first address); 0 treats 3xx as failure. */
  followRedirects: number;
  resolve?: Resolver | undefined;
};

const EXCERPT_BYTES = 1024;
// A reply is read to its end (so the connection can be reused) unless it is absurdly long.
const MAX_REPLY_BYTES = 1024 * 1024;

type Reply = { statusCode: number; location: string | undefined; excerpt: string };

const describe = (error: unknown): string => {
  const { code, message } = error as { code?: string; message?: string };
  if (code === "ECONNREFUSED") return "connection refused (ECONNREFUSED)";
  if (code === "ENOTFOUND") return `host not found (ENOTFOUND): ${message ?? ""}`.trim();
  return message
    ? code && !message.includes(code)
      ? `${message} (${code})`
      : message
    : String(error);
};

/**
 * POSTs callbacks over keep-alive connections whose every address passes the SSRF guard. Host
 * names are checked by the agents' `lookup` when a socket is opened; literal IP hosts skip DNS,
 * so they are checked here, for every hop.
 */
export const createHttpSender = (options: HttpSenderOptions) => {
  const lookup = guardedLookup(options.policy, options.resolve);
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets, lookup };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

  const requestOnce = (
    url: URL,
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ) =>
    new Promise<Reply>((resolve, reject) => {
      const secure = url.protocol === "https:";
      const request = (secure ? https : http).request(url, {
        method: "POST",
        agent: secure ? agents.https : agents.http,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      });
      const timer = setTimeout(
        // The budget left for this hop may be a little less; the error names the configured limit.
        () =>
          request.destroy(new Error(`no complete reply within ${options.timeoutMs} ms (timeout)`)),
        timeoutMs,
      );
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
      };
      request.on("error", (error) => settle(() => reject(error)));
      request.on("response", (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () =>
          settle(() =>
            resolve({
              statusCode: response.statusCode ?? 0,
              location: response.headers.location,
              excerpt: Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8"),
            }),
          );
        response.on("data", (chunk: Buffer) => {
          if (size < EXCERPT_BYTES) chunks.push(chunk);
          size += chunk.length;
          if (size > MAX_REPLY_BYTES) {
            response.destroy();
            done();
          }
        });
        response.on("end", done);
        response.on("error", (error) => settle(() => reject(error)));
      });
      request.end(body);
    });

  const post = async (
    url: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<SendOutcome> => {
    const deadline = Date.now() + options.timeoutMs;
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return {
        ok: false,
        statusCode: null,
        error: `not a valid URL: ${url}`,
        excerpt: null,
        permanent: true,
      };
    }
    for (let hop = 0; ; hop++) {
      if (target.protocol !== "http:" && target.protocol !== "https:") {
        return {
          ok: false,
          statusCode: null,
          error: `only http and https callback URLs can be delivered, not ${target.protocol}`,
          excerpt: null,
          permanent: true,
        };
      }
      const host = target.hostname.replace(/^\[(.*)\]$/, "$1");
      const refusal = isIP(host) ? refusalFor(options.policy, host, host) : null;
      if (refusal) return { ok: false, statusCode: null, error: refusal.message, excerpt: null };
      let reply: Reply;
      try {
        reply = await requestOnce(target, body, headers, Math.max(1, deadline - Date.now()));
      } catch (error) {
        return { ok: false, statusCode: null, error: describe(error), excerpt: null };
      }
      const redirect = reply.statusCode >= 300 && reply.statusCode < 400 && reply.location;
      if (redirect && hop < options.followRedirects) {
        target = new URL(reply.location ?? "", target);
        continue;
      }
      const ok = reply.statusCode >= 200 && reply.statusCode < 300;
      return {
        ok,
        statusCode: reply.statusCode,
        error: ok
          ? null
          : redirect
            ? `redirected to ${reply.location} (redirects are not followed)`
            : `the receiver answered ${reply.statusCode}`,
        excerpt: reply.excerpt || null,
      };
    }
  };

  return {
    post,
    close: () => {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
};

export type HttpSender = ReturnType<typeof createHttpSender>;
