import {
  CreatedIdSchema,
  GrantWorkInputSchema,
  RevokedGrantSchema,
  RevokeGrantInputSchema,
  WorkforceSchema,
} from "@taskforge/schema";

import { grantWork, listWorkforce, revokeGrant } from "../../services/work";
import { adminProcedure, createTRPCRouter } from "../../trpc";

/** Platform admins decide who may work on which projects and task types. */
export const workforceRouter = createTRPCRouter({
  /** Taskers and reviewers with their grants and accuracy per project. */
  list: adminProcedure.output(WorkforceSchema).query(({ ctx }) => listWorkforce(ctx.db.prisma)),
  grant: adminProcedure
    .input(GrantWorkInputSchema)
    .output(CreatedIdSchema)
    .mutation(async ({ ctx, input }) => ({ id: (await grantWork(ctx.db.prisma, input)).id })),
  revoke: adminProcedure
    .input(RevokeGrantInputSchema)
    .output(RevokedGrantSchema)
    .mutation(async ({ ctx, input }) => {
      await revokeGrant(ctx.db.prisma, input.grant_id, input.reason);
      return { revoked: true as const };
    }),
});
