import { createHash, randomBytes } from "node:crypto";

import type { PrismaClient } from "@taskforge/db";
import type { MemberRole } from "@taskforge/schema";

import { cachedApiKeyLookup } from "./api-key-cache";

export type KeyMode = "live" | "test";

const KEY_PATTERN = /^(live|test)_[A-Za-z0-9_-]{16,200}$/;

/** API keys are random enough (>=128 bits) that a plain SHA-256 is the right storage hash. */
export const hashApiKey = (key: string): string => createHash("sha256").update(key).digest("hex");

export const keyModeOf = (key: string): KeyMode | null => {
  const match = KEY_PATTERN.exec(key);
  return match ? (match[1] as KeyMode) : null;
};

export const generateApiKey = (mode: KeyMode): string =>
  `${mode}_${randomBytes(24).toString("base64url")}`;

export const displayPrefixOf = (key: string): string => `${key.slice(0, 9)}…`;

/**
 * Reads the key from `Authorization: Basic base64(key:)` (what Scale's SDKs send) or `Bearer key`.
 * Returns null when the header is absent or not one of those forms.
 */
export const apiKeyFromAuthorization = (header: string | null | undefined): string | null => {
  if (!header) return null;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!value) return null;
  if (/^bearer$/i.test(scheme ?? "")) return value;
  if (!/^basic$/i.test(scheme ?? "")) return null;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? decoded : decoded.slice(0, colon);
};

const LAST_USED_RESOLUTION_MS = 60_000;

export type AuthenticatedKey = {
  apiKeyId: string;
  organizationId: string;
  isTest: boolean;
  displayPrefix: string;
  /** What the key may do now: its own roles that its creator still holds. */
  roles: MemberRole[];
};

/**
 * A key acts with its own roles, narrowed to those its creator still holds in the key's
 * organization: a creator who lost a role, or left, takes it from their keys at once.
 */
export const effectiveKeyRoles = (
  keyRoles: readonly MemberRole[],
  organizationId: string,
  creator: { organizationId: string | null; orgRoles: readonly MemberRole[] } | null,
): MemberRole[] =>
  creator === null
    ? [...keyRoles]
    : creator.organizationId === organizationId
      ? keyRoles.filter((role) => creator.orgRoles.includes(role))
      : [];

type KeyRecord = { key: AuthenticatedKey; lastUsedAt: Date | null };

const loadApiKey = async (prisma: PrismaClient, keyHash: string): Promise<KeyRecord | null> => {
  const row = await prisma.apiKey.findUnique({
    where: { keyHash },
    select: {
      id: true,
      organizationId: true,
      mode: true,
      revokedAt: true,
      displayPrefix: true,
      lastUsedAt: true,
      roles: true,
      createdBy: { select: { organizationId: true, orgRoles: true } },
    },
  });
  if (!row || row.revokedAt) return null;
  const roles = effectiveKeyRoles(row.roles, row.organizationId, row.createdBy);
  if (roles.length === 0) return null;
  return {
    key: {
      apiKeyId: row.id,
      organizationId: row.organizationId,
      isTest: row.mode === "test",
      displayPrefix: row.displayPrefix,
      roles,
    },
    lastUsedAt: row.lastUsedAt,
  };
};

/**
 * The key's organization, mode and roles, or null when it is unknown, revoked or has no roles left.
 * Answers come from a few seconds' cache when `startApiKeyCache` turned it on (api-key-cache.ts).
 */
export const findApiKey = async (
  prisma: PrismaClient,
  key: string,
): Promise<AuthenticatedKey | null> => {
  if (!keyModeOf(key)) return null;
  const { value: record } = await cachedApiKeyLookup(prisma, hashApiKey(key), () =>
    loadApiKey(prisma, hashApiKey(key)),
  );
  if (!record) return null;
  // "Last used" is shown to the minute: one write per key per minute, not one per request.
  const staleBefore = new Date(Date.now() - LAST_USED_RESOLUTION_MS);
  if (!record.lastUsedAt || record.lastUsedAt < staleBefore) {
    record.lastUsedAt = new Date();
    await prisma.apiKey.updateMany({
      where: {
        id: record.key.apiKeyId,
        OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }],
      },
      data: { lastUsedAt: new Date() },
    });
  }
  return record.key;
};
