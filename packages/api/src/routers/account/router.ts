import {
  AcceptedInvitationSchema,
  AccountSchema,
  ChangePasswordInputSchema,
  CreatedIdSchema,
  CreateOrganizationInputSchema,
  InvitationDescriptionSchema,
  InvitationTokenInputSchema,
  PasswordChangedSchema,
  SignUpInputSchema,
  SignUpResultSchema,
} from "@taskforge/schema";

import {
  acceptInvitation,
  changePassword,
  createOrganizationForUser,
  describeInvitation,
  signUp,
} from "../../services/accounts";
import { createTRPCRouter, publicProcedure, userProcedure } from "../../trpc";

/** Sign-up and the signed-in person's own account; sign-in itself is next-auth's. */
export const accountRouter = createTRPCRouter({
  signUp: publicProcedure
    .input(SignUpInputSchema)
    .output(SignUpResultSchema)
    .mutation(({ ctx, input }) => signUp(ctx.db, input)),

  describeInvitation: publicProcedure
    .input(InvitationTokenInputSchema)
    .output(InvitationDescriptionSchema)
    .query(({ ctx, input }) => describeInvitation(ctx.db, input.token)),

  me: userProcedure.output(AccountSchema).query(({ ctx }) => ({
    user_id: ctx.user.userId,
    email: ctx.user.email,
    name: ctx.user.name ?? null,
    platform_roles: [...ctx.user.roles],
    organization: ctx.user.organization
      ? {
          id: ctx.user.organization.id,
          name: ctx.user.organization.name,
          roles: ctx.user.organization.roles,
        }
      : null,
  })),

  changePassword: userProcedure
    .input(ChangePasswordInputSchema)
    .output(PasswordChangedSchema)
    .mutation(({ ctx, input }) => changePassword(ctx.db, ctx.user, input)),

  createOrganization: userProcedure
    .input(CreateOrganizationInputSchema)
    .output(CreatedIdSchema)
    .mutation(({ ctx, input }) => createOrganizationForUser(ctx.db, ctx.user.userId, input)),

  acceptInvitation: userProcedure
    .input(InvitationTokenInputSchema)
    .output(AcceptedInvitationSchema)
    .mutation(({ ctx, input }) => acceptInvitation(ctx.db, ctx.user.userId, input.token)),
});
