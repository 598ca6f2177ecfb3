import {
  CreatedInvitationSchema,
  CreateInvitationInputSchema,
  IdInputSchema,
  InvitationListSchema,
  MemberListSchema,
  NoOutputSchema,
  SetMemberRolesInputSchema,
} from "@taskforge/schema";

import {
  createInvitation,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  setMemberRoles,
} from "../../services/accounts";
import { createTRPCRouter, memberProcedureFor } from "../../trpc";

/** Members see each other; owners and admins invite, change roles and remove. */
export const membersRouter = createTRPCRouter({
  list: memberProcedureFor("read")
    .output(MemberListSchema)
    .query(({ ctx }) => listMembers(ctx.member)),
  setRoles: memberProcedureFor("manage_organization")
    .input(SetMemberRolesInputSchema)
    .output(NoOutputSchema)
    .mutation(({ ctx, input }) => setMemberRoles(ctx.member, input.id, input.roles)),
  remove: memberProcedureFor("manage_organization")
    .input(IdInputSchema)
    .output(NoOutputSchema)
    .mutation(({ ctx, input }) => removeMember(ctx.member, input.id)),
  invitations: memberProcedureFor("manage_organization")
    .output(InvitationListSchema)
    .query(({ ctx }) => listInvitations(ctx.member)),
  /** Returns `{ invitation, token }`; the join link is `/join/<token>`, shown once. */
  invite: memberProcedureFor("manage_organization")
    .input(CreateInvitationInputSchema)
    .output(CreatedInvitationSchema)
    .mutation(({ ctx, input }) => createInvitation(ctx.member, input)),
  revokeInvitation: memberProcedureFor("manage_organization")
    .input(IdInputSchema)
    .output(NoOutputSchema)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.member, input.id)),
});
