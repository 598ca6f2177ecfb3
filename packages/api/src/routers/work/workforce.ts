import { z } from "zod";

import { grantWork, GrantWorkInputSchema, listWorkforce, revokeGrant } from "../../services/work";
import { adminProcedure, createTRPCRouter } from "../../trpc";

/** Platform admins decide who may work on which projects and task types. */
export const workforceRouter = createTRPCRouter({
  /** Taskers and reviewers with their grants and accuracy per project. */
  list: adminProcedure.query(({ ctx }) => listWorkforce(ctx.db.prisma)),
  grant: adminProcedure
    .input(GrantWorkInputSchema)
    .mutation(async ({ ctx, input }) => ({ id: (await grantWork(ctx.db.prisma, input)).id })),
  revoke: adminProcedure
    .input(z.strictObject({ grant_id: z.uuid(), reason: z.string().min(1).max(500) }))
    .mutation(async ({ ctx, input }) => {
      await revokeGrant(ctx.db.prisma, input.grant_id, input.reason);
      return { revoked: true };
    }),
});
