import { z } from "zod";

import { TimestampSchema } from "./common";
import { MemberRoleSchema, MemberRolesSchema } from "./roles";

/**
 * Sign-in, organizations, members, invitations and API keys: the dashboard's account inputs and
 * outputs. Outputs list roles as stored (plain arrays, not `MemberRolesSchema`, which also
 * requires one and reorders).
 */

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email("must be an email address"));

export const PasswordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(200, "must be at most 200 characters");

export const OrganizationNameSchema = z.string().trim().min(1, "is required").max(100);

export const PlatformRoleSchema = z.enum(["admin", "tasker", "reviewer"]);

export const SignInInputSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(200),
});
export type SignInInput = z.infer<typeof SignInInputSchema>;

/** Either creates an organization (`organization_name`) or joins one (`invitation_token`). */
export const SignUpInputSchema = z
  .object({
    email: EmailSchema,
    password: PasswordSchema,
    name: z.string().trim().max(100).optional(),
    organization_name: OrganizationNameSchema.optional(),
    invitation_token: z.string().min(1).max(200).optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.organization_name && !input.invitation_token)
      ctx.addIssue({
        code: "custom",
        path: ["organization_name"],
        message: "is required unless you join with an invitation",
      });
  });
export type SignUpInput = z.infer<typeof SignUpInputSchema>;

/** A signed-in person's new password; every other session of theirs ends with the change. */
export const ChangePasswordInputSchema = z.object({
  current_password: z.string().min(1, "is required").max(200),
  new_password: PasswordSchema,
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInputSchema>;
export const PasswordChangedSchema = z.object({ changed: z.literal(true) });

export const CreateOrganizationInputSchema = z.object({ name: OrganizationNameSchema });

export const KeyModeSchema = z.enum(["live", "test"]);

export const CreateApiKeyInputSchema = z.object({
  name: z.string().trim().min(1, "is required").max(100),
  mode: KeyModeSchema,
  /** What the key may do: no wider than its creator's roles; by default all of them. */
  roles: MemberRolesSchema.optional(),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInputSchema>;

export const IdInputSchema = z.object({ id: z.uuid("must be an id") });

export const ApiKeyInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  mode: KeyModeSchema,
  /** The key's first characters, to recognise it; the key itself is shown only at creation. */
  prefix: z.string(),
  /** The roles the key acts with (at most its creator's current ones). */
  roles: z.array(MemberRoleSchema),
  /** Who made it; null for keys that act for the whole organization (bootstrap keys). */
  created_by: z
    .object({ id: z.string(), email: z.string(), name: z.string().nullable() })
    .nullable(),
  created_at: TimestampSchema,
  last_used_at: TimestampSchema.nullable(),
  revoked_at: TimestampSchema.nullable(),
});
export type ApiKeyInfo = z.infer<typeof ApiKeyInfoSchema>;
export const ApiKeyListSchema = z.array(ApiKeyInfoSchema);

/** A new key: `key` is in this answer only (the database keeps its hash). */
export const CreatedApiKeySchema = z.object({ api_key: ApiKeyInfoSchema, key: z.string() });

export const CreateInvitationInputSchema = z.object({
  email: EmailSchema.optional(),
  roles: MemberRolesSchema.default(["annotator"]),
  expires_in_days: z.number().int().min(1).max(30).default(7),
  /** Where the join link starts (the dashboard's origin); needed to email the link. */
  base_url: z.url({ protocol: /^https?$/, error: "must be an http(s) origin" }).optional(),
});
export type CreateInvitationInput = z.input<typeof CreateInvitationInputSchema>;

export const InvitationStatusSchema = z.enum(["pending", "accepted", "revoked", "expired"]);
export type InvitationStatus = z.infer<typeof InvitationStatusSchema>;

export const InvitationInfoSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  roles: z.array(MemberRoleSchema),
  status: InvitationStatusSchema,
  created_at: TimestampSchema,
  expires_at: TimestampSchema,
});
export type InvitationInfo = z.infer<typeof InvitationInfoSchema>;
export const InvitationListSchema = z.array(InvitationInfoSchema);

/** A new invitation: the join link is `/join/<token>`, shown this once (only its hash is stored). */
/**
 * Whether the join link went out by email: `sent`; `failed` (the SMTP server refused or was
 * unreachable; the invitation stands and the link works); `not_configured` (no SMTP server);
 * `no_email` (the invitation is not bound to an address). `email_note` says it in a sentence.
 */
export const InvitationEmailStatusSchema = z.enum(["sent", "failed", "not_configured", "no_email"]);
export type InvitationEmailStatus = z.infer<typeof InvitationEmailStatusSchema>;

export const CreatedInvitationSchema = z.object({
  invitation: InvitationInfoSchema,
  token: z.string(),
  emailed: z.boolean(),
  email_status: InvitationEmailStatusSchema,
  email_note: z.string(),
});

export const InvitationTokenInputSchema = z.object({ token: z.string().min(1).max(200) });

/** What the join page shows of a usable invitation before sign-up. */
export const InvitationDescriptionSchema = z.object({
  organization_name: z.string(),
  email: z.string().nullable(),
  roles: z.array(MemberRoleSchema),
});

export const MemberInfoSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  roles: z.array(MemberRoleSchema),
  created_at: TimestampSchema,
  last_sign_in_at: TimestampSchema.nullable(),
});
export type MemberInfo = z.infer<typeof MemberInfoSchema>;
export const MemberListSchema = z.array(MemberInfoSchema);

export const SetMemberRolesInputSchema = z.object({ id: z.uuid(), roles: MemberRolesSchema });

export type WorldMode = "live" | "test";

/** The account just made by sign-up (the page then signs in with the same credentials). */
export const SignUpResultSchema = z.object({ userId: z.string() });

/** The organization joined by `account.acceptInvitation`. */
export const AcceptedInvitationSchema = z.object({ organizationId: z.string() });

/** The signed-in person: platform roles, and their organization with their roles in it. */
export const AccountSchema = z.object({
  user_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  platform_roles: z.array(PlatformRoleSchema),
  organization: z
    .object({ id: z.string(), name: z.string(), roles: z.array(MemberRoleSchema) })
    .nullable(),
});
export type Account = z.infer<typeof AccountSchema>;
