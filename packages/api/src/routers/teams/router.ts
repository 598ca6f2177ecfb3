import {
  TeamInviteInputSchema,
  TeamListInputSchema,
  TeammateListSchema,
  TeamRoleInputSchema,
} from "@taskforge/schema";

import type { Context } from "../../context";
import type { Scope } from "../../scope";
import { inviteTeammates, listTeammates, setTeammateRoles } from "../../services/accounts";
import type { MemberScope } from "../../services/accounts";
import { createTRPCRouter, orgProcedureFor, orgSettingsProcedure } from "../../trpc";

/** Who acts on the team: the signed-in member, or the member who made the API key (if any). */
const teamScopeOf = async (ctx: Context & { scope: Scope }): Promise<MemberScope> => {
  const userId = ctx.caller
    ? ((
        await ctx.db.prisma.apiKey.findUnique({
          where: { id: ctx.caller.apiKeyId },
          select: { createdById: true },
        })
      )?.createdById ?? null)
    : (ctx.user?.userId ?? null);
  return { db: ctx.db, organizationId: ctx.scope.organizationId, userId, roles: ctx.scope.roles };
};

/**
 * Scale's `/v1/teams`: the organization's members and invitations with Scale's team roles (see
 * `ROLES_OF_SCALE_TEAM_ROLE`). Inviting and changing roles is the organization's owners' and
 * admins', and never a test key's (the team is not split into live and test).
 */
export const teamsRouter = createTRPCRouter({
  list: orgProcedureFor("read")
    .input(TeamListInputSchema)
    .output(TeammateListSchema)
    .query(async ({ ctx }) => listTeammates(await teamScopeOf(ctx))),
  invite: orgSettingsProcedure
    .input(TeamInviteInputSchema)
    .output(TeammateListSchema)
    .mutation(async ({ ctx, input }) => inviteTeammates(await teamScopeOf(ctx), input)),
  setRole: orgSettingsProcedure
    .input(TeamRoleInputSchema)
    .output(TeammateListSchema)
    .mutation(async ({ ctx, input }) => setTeammateRoles(await teamScopeOf(ctx), input)),
});
