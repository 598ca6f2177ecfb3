import { notFound } from "../../errors";
import type { Scope } from "../../scope";
import type { CallbackSettings } from "@taskforge/schema";
import { organizationDestinations } from "./destinations";
import { ensureCallbackSecrets, rotateCallbackSecrets } from "./secrets";
import type { CallbackSecretRow } from "./secrets";

/**
 * An organization's callback settings: the default URL for tasks without a `callback_url`, and the
 * signing secrets receivers verify with. Both are shared by the live and the test world.
 */

const toSettings = (
  defaultCallbackUrl: string | null,
  secrets: CallbackSecretRow[],
  destinations: CallbackSettings["destinations"],
): CallbackSettings => ({
  default_callback_url: defaultCallbackUrl,
  secrets: secrets.map((row) => ({
    secret: row.secret,
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt?.toISOString() ?? null,
  })),
  destinations,
});

const defaultUrlOf = async (scope: Scope) => {
  const organization = await scope.db.prisma.organization.findUnique({
    where: { id: scope.organizationId },
    select: { defaultCallbackUrl: true },
  });
  if (!organization) throw notFound("Organization");
  return organization.defaultCallbackUrl;
};

const settingsWith = async (scope: Scope, secrets: CallbackSecretRow[]) => {
  const defaultUrl = await defaultUrlOf(scope);
  return toSettings(
    defaultUrl,
    secrets,
    await organizationDestinations(scope.db.sql, scope.organizationId, defaultUrl),
  );
};

export const getCallbackSettings = async (scope: Scope): Promise<CallbackSettings> =>
  settingsWith(scope, await ensureCallbackSecrets(scope.db.sql, scope.organizationId));

/** Sets (or, with null, removes) the URL or email address of tasks that name none. */
export const setDefaultCallbackUrl = async (
  scope: Scope,
  url: string | null,
): Promise<CallbackSettings> => {
  await scope.db.prisma.organization.update({
    where: { id: scope.organizationId },
    data: { defaultCallbackUrl: url },
  });
  return getCallbackSettings(scope);
};

/** A new signing secret; the ones in use keep signing for `overlapSeconds` more. */
export const rotateCallbackSecret = async (
  scope: Scope,
  overlapSeconds: number,
): Promise<CallbackSettings> =>
  settingsWith(scope, await rotateCallbackSecrets(scope.db, scope.organizationId, overlapSeconds));
