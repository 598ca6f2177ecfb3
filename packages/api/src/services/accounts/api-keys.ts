import { CreateApiKeyInputSchema } from "@taskforge/schema";
import type { ApiKeyInfo } from "@taskforge/schema";

import { displayPrefixOf, generateApiKey, hashApiKey } from "../../api-keys";
import { AppError, fromZodError } from "../../errors";
import type { MemberScope } from "./members";

type ApiKeyRow = {
  id: string;
  name: string;
  mode: "live" | "test";
  displayPrefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const toInfo = (row: ApiKeyRow): ApiKeyInfo => ({
  id: row.id,
  name: row.name,
  mode: row.mode,
  prefix: row.displayPrefix,
  created_at: row.createdAt.toISOString(),
  last_used_at: row.lastUsedAt?.toISOString() ?? null,
  revoked_at: row.revokedAt?.toISOString() ?? null,
});

/** Creates a key; the key itself is in this answer only (the database keeps its SHA-256). */
export const createApiKey = async (scope: MemberScope, input: unknown) => {
  const parsed = CreateApiKeyInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error);
  const key = generateApiKey(parsed.data.mode);
  const row = await scope.db.prisma.apiKey.create({
    data: {
      organizationId: scope.organizationId,
      mode: parsed.data.mode,
      name: parsed.data.name,
      keyHash: hashApiKey(key),
      displayPrefix: displayPrefixOf(key),
    },
  });
  return { api_key: toInfo(row), key };
};

export const listApiKeys = async (scope: MemberScope): Promise<ApiKeyInfo[]> => {
  const rows = await scope.db.prisma.apiKey.findMany({
    where: { organizationId: scope.organizationId },
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return rows.map(toInfo);
};

export const revokeApiKey = async (scope: MemberScope, id: string): Promise<ApiKeyInfo> => {
  const { count } = await scope.db.prisma.apiKey.updateMany({
    where: { id, organizationId: scope.organizationId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  const row = await scope.db.prisma.apiKey.findFirst({
    where: { id, organizationId: scope.organizationId },
  });
  if (!row) throw new AppError("not_found", "No API key with that id.");
  if (count === 0 && !row.revokedAt) throw new AppError("conflict", "The key changed meanwhile.");
  return toInfo(row);
};
