// Error answers that would leave the server without a body get the REST error body instead:
// Next.js's route handlers answer a method they do not take with an empty 405, and Node's HTTP
// parser answers an oversized header block (431) or a malformed request line (400) with nothing.
import { STATUS_CODES } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";

const messageOf = (status: number, req: IncomingMessage, allow: unknown): string => {
  if (status === 405) {
    const path = (req.url ?? "/").split("?")[0];
    const allowed =
      typeof allow === "string" && allow ? `; use ${allow.split(/,\s*/).join(" or ")}` : "";
    return `${path} does not take ${req.method ?? "this method"}${allowed}.`;
  }
  return `${STATUS_CODES[status] ?? "Error"}.`;
};

/**
 * From now on, an error status ended without a body and without a content type (as Next.js's
 * route handlers end a 405) is sent as `{status_code, error}` JSON.
 */
export const giveEmptyErrorsABody = (req: IncomingMessage, res: ServerResponse) => {
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.end = ((...args: unknown[]) => {
    const [chunk] = args;
    const empty =
      chunk === undefined ||
      chunk === null ||
      typeof chunk === "function" ||
      (typeof chunk === "string" || chunk instanceof Uint8Array ? chunk.length === 0 : false);
    if (empty && !res.headersSent && res.statusCode >= 400 && !res.hasHeader("content-type")) {
      const text = JSON.stringify({
        status_code: res.statusCode,
        error: messageOf(res.statusCode, req, res.getHeader("allow")),
      });
      res.setHeader("content-type", "application/json");
      res.setHeader("content-length", Buffer.byteLength(text));
      const callback = args.find((arg) => typeof arg === "function");
      return callback ? end(text, callback) : end(text);
    }
    return end(...args);
  }) as ServerResponse["end"];
};

/**
 * Node's answer to a request its parser refused (`clientError`), with a JSON body: 431 for a
 * header block past the limit, 408 for one not received in time, 400 for anything else malformed. A connection already gone is
 * simply closed.
 */
export const answerClientError = (error: NodeJS.ErrnoException, socket: Socket) => {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const status =
    error.code === "HPE_HEADER_OVERFLOW"
      ? 431
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? 408
        : 400;
  const text = JSON.stringify({
    status_code: status,
    error:
      status === 431
        ? "The request's headers (with its URL) are larger than the server accepts."
        : status === 408
          ? "The request was not received in time."
          : "The request is not well-formed HTTP.",
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      "content-type: application/json\r\n" +
      `content-length: ${Buffer.byteLength(text)}\r\n` +
      "connection: close\r\n\r\n" +
      text,
  );
};
