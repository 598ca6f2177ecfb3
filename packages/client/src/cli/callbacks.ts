import { readFile } from "node:fs/promises";

import { verifyWebhook, WebhookVerificationError } from "../webhooks";
import { UsageError } from "./errors";

/** `name: value` header flags as a header map (names are case-insensitive). */
export const parseHeaderFlags = (flags: readonly string[]): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const flag of flags) {
    const colon = flag.indexOf(":");
    if (colon <= 0) {
      throw new UsageError(`--header "${flag}" must look like "name: value".`);
    }
    headers[flag.slice(0, colon).trim().toLowerCase()] = flag.slice(colon + 1).trim();
  }
  return headers;
};

const readBody = async (file: string): Promise<Uint8Array> => {
  if (file === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    return await readFile(file);
  } catch (error) {
    throw new UsageError(`cannot read --body ${file}: ${(error as Error).message}`);
  }
};

export type VerifyOutcome = { valid: true; summary: string } | { valid: false; reason: string };

/** Checks a received callback's Standard Webhooks signature against the secret(s). */
export const verifyCallback = async (options: {
  secrets: readonly string[];
  bodyFile: string;
  headers: readonly string[];
  toleranceSeconds: number;
  now?: Date;
}): Promise<VerifyOutcome> => {
  const headers = parseHeaderFlags(options.headers);
  const payload = await readBody(options.bodyFile);
  try {
    const body = await verifyWebhook({
      payload,
      headers,
      secret: options.secrets,
      toleranceSeconds: options.toleranceSeconds,
      ...(options.now ? { now: options.now } : {}),
    });
    // The body is whatever was signed: describe it only as far as it looks like a callback.
    const fields = body as { task_id?: unknown; status?: unknown; batch?: { name?: unknown } };
    const about =
      typeof fields.task_id === "string"
        ? `task ${fields.task_id} (${String(fields.status)})`
        : typeof fields.batch?.name === "string"
          ? `batch ${fields.batch.name}`
          : "payload";
    return { valid: true, summary: `webhook-id ${headers["webhook-id"]}, ${about}` };
  } catch (error) {
    if (error instanceof WebhookVerificationError) return { valid: false, reason: error.message };
    if (error instanceof SyntaxError) {
      return { valid: false, reason: `the signature matches but the body is not JSON` };
    }
    throw error;
  }
};
