import { GrantWorkInputSchema, RevokeGrantInputSchema } from "@taskforge/schema";

import { grantWork, listWorkforce, revokeGrant } from "../../services/work";
import { adminProcedure, createTRPCRouter } from "../../trpc";

/** Platform admins decide who may work on which projects and task types. */
export const workforceRouter = createTRPCRouter({
  /** Taskers and reviewers with their grants and accuracy per project. */
  list: adminProcedure.query(({ ctx }) => listWorkforce(ctx.db.prisma)),
  grant: adminProcedure
    .input(GrantWorkInputSchema)
    .mutation(async ({ ctx, input }) => ({ id: (await grantWork(ctx.db.prisma, input)).id })),
  revoke: adminProcedure.input(RevokeGrantInputSchema).mutation(async ({ ctx, input }) => {
    await revokeGrant(ctx.db.prisma, input.grant_id, input.reason);
    return { revoked: true };
  }),
});
