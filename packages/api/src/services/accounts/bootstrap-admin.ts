import type { Database } from "@taskforge/db";
import { EmailSchema, PasswordSchema } from "@taskforge/schema";

import { hashPassword } from "./passwords";

/** Reads `TASKFORGE_BOOTSTRAP_ADMIN=email:password` (the password may itself contain colons). */
export const parseBootstrapAdmin = (value: string): { email: string; password: string } => {
  const colon = value.indexOf(":");
  const email = EmailSchema.safeParse(colon === -1 ? "" : value.slice(0, colon));
  const password = PasswordSchema.safeParse(colon === -1 ? "" : value.slice(colon + 1));
  if (!email.success || !password.success)
    throw new Error(
      "TASKFORGE_BOOTSTRAP_ADMIN must be email:password, with a valid email and a password of 10 to 200 characters.",
    );
  return { email: email.data, password: password.data };
};

/**
 * Makes sure a platform admin with this email exists and signs in with this password (the password is
 * reset to the configured one at every start, so a lost admin password is recovered by a restart).
 */
export const ensureBootstrapAdmin = async (
  db: Database,
  admin: { email: string; password: string },
): Promise<{ userId: string; created: boolean }> => {
  const passwordHash = await hashPassword(admin.password);
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('taskforge.bootstrap-admin'))`;
    const existing = await tx.user.findUnique({
      where: { email: admin.email },
      select: { id: true, platformRoles: true },
    });
    if (existing) {
      const roles = existing.platformRoles.includes("admin")
        ? existing.platformRoles
        : [...existing.platformRoles, "admin" as const];
      await tx.user.update({
        where: { id: existing.id },
        data: { passwordHash, platformRoles: roles },
      });
      return { userId: existing.id, created: false };
    }
    const user = await tx.user.create({
      data: { email: admin.email, passwordHash, platformRoles: ["admin", "tasker", "reviewer"] },
      select: { id: true },
    });
    return { userId: user.id, created: true };
  });
};
