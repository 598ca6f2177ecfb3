import {
  CreateInvitationInputSchema,
  IdInputSchema,
  SetMemberRoleInputSchema,
} from "@taskforge/schema";

import {
  createInvitation,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  setMemberRole,
} from "../../services/accounts";
import { createTRPCRouter, memberProcedure } from "../../trpc";

export const membersRouter = createTRPCRouter({
  list: memberProcedure.query(({ ctx }) => listMembers(ctx.member)),
  setRole: memberProcedure
    .input(SetMemberRoleInputSchema)
    .mutation(({ ctx, input }) => setMemberRole(ctx.member, input.id, input.role)),
  remove: memberProcedure
    .input(IdInputSchema)
    .mutation(({ ctx, input }) => removeMember(ctx.member, input.id)),
  invitations: memberProcedure.query(({ ctx }) => listInvitations(ctx.member)),
  /** Returns `{ invitation, token }`; the join link is `/join/<token>`, shown once. */
  invite: memberProcedure
    .input(CreateInvitationInputSchema)
    .mutation(({ ctx, input }) => createInvitation(ctx.member, input)),
  revokeInvitation: memberProcedure
    .input(IdInputSchema)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.member, input.id)),
});
