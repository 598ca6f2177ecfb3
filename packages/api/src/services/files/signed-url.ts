import { createHmac, timingSafeEqual } from "node:crypto";

import type { Database } from "@taskforge/db";

import type { Scope } from "../../scope";
import { ensureInstanceSecret } from "../accounts/instance-secret";
import { filesConfig } from "./config";
import { fileNotFound, findFileRow } from "./files";
import { fileIdOf, fileReferencesOf, ownFileIds } from "./references";
import type { SignedUrl } from "@taskforge/schema";

// One secret per installation, read once per database handle.
const secrets = new WeakMap<Database, Promise<string>>();

const secretOf = (db: Database) => {
  let secret = secrets.get(db);
  if (!secret) {
    secret = ensureInstanceSecret(db, "file_url_secret");
    secrets.set(db, secret);
    secret.catch(() => secrets.delete(db));
  }
  return secret;
};

const signatureOf = (secret: string, id: string, expires: number) =>
  createHmac("sha256", secret).update(`file:${id}:${expires}`).digest("base64url");

/** Where signed URLs point: the app's origin (absolute URLs, as task params need), else a path. */
export type SignOptions = { baseUrl?: string | undefined; now?: number };

/** A signed URL; `expires` is in Unix seconds. */
const signedUrlOf = async (db: Database, id: string, expires: number, baseUrl = "") =>
  `${baseUrl.replace(/\/+$/, "")}/files/${id}?expires=${expires}&signature=${signatureOf(await secretOf(db), id, expires)}`;

const expiry = (now: number) => Math.floor(now / 1000) + filesConfig().urlTtlSeconds;

/**
 * A short-lived URL for one of the caller's files: `/files/<id>?expires=…&signature=…`. Whoever
 * holds it may read the file until it expires (the signature is the capability), so only the
 * file's organization can have one made.
 */
export const signFileUrl = async (
  scope: Scope,
  attachmentUrl: string,
  { baseUrl, now = Date.now() }: SignOptions = {},
): Promise<SignedUrl> => {
  const id = fileIdOf(attachmentUrl);
  if (!id) throw fileNotFound();
  await findFileRow(scope, id);
  const expires = expiry(now);
  return {
    url: await signedUrlOf(scope.db, id, expires, baseUrl),
    expires_at: new Date(expires * 1000).toISOString(),
  };
};

/**
 * A signed URL of a file already known to be the caller's, valid `ttlSeconds` (an export's links
 * outlive the short TTL of links shown in the browser: a training job may start days later).
 */
export const signedFileUrl = async (
  db: Database,
  id: string,
  { baseUrl, ttlSeconds, now = Date.now() }: { baseUrl: string; ttlSeconds: number; now?: number },
): Promise<string> => signedUrlOf(db, id, Math.floor(now / 1000) + ttlSeconds, baseUrl);

export type SignatureCheck = "valid" | "expired" | "invalid";

/** Whether `signature` was made by `signFileUrl` for this id and expiry, and is still in time. */
export const verifyFileSignature = async (
  db: Database,
  id: string,
  expires: string | null,
  signature: string | null,
  now = Date.now(),
): Promise<SignatureCheck> => {
  if (!expires || !signature || !/^\d{1,12}$/.test(expires)) return "invalid";
  const expected = Buffer.from(signatureOf(await secretOf(db), id, Number(expires)));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  return Number(expires) * 1000 < now ? "expired" : "valid";
};

const replace = (value: unknown, urls: Map<string, string>): unknown => {
  if (typeof value === "string") {
    const id = fileIdOf(value);
    return (id && urls.get(id)) ?? value;
  }
  if (Array.isArray(value)) return value.map((item) => replace(item, urls));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v, urls)]));
  }
  return value;
};

/**
 * Task params with every `taskforge://files/<id>` string (at any depth: `attachment`,
 * `attachments[]`, frames...) replaced by a signed URL, for showing the task in the browser. Files
 * the caller cannot see keep their `taskforge://` URL.
 */
export const resolveAttachments = async <T>(
  scope: Scope,
  params: T,
  { baseUrl, now = Date.now() }: SignOptions = {},
) => {
  const references = fileReferencesOf(params);
  if (!references.length) return params;
  const own = await ownFileIds(
    scope.db.prisma,
    scope,
    references.flatMap((ref) => (ref.id ? [ref.id] : [])),
  );
  const expires = expiry(now);
  const urls = new Map<string, string>();
  for (const id of own) urls.set(id, await signedUrlOf(scope.db, id, expires, baseUrl));
  return replace(params, urls) as T;
};
