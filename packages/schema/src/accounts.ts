import { z } from "zod";

import { MemberRolesSchema } from "./roles";
import type { MemberRole } from "./roles";

/** Sign-in, organizations, members, invitations and API keys: the dashboard's account inputs. */

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

export type ApiKeyInfo = {
  id: string;
  name: string;
  mode: "live" | "test";
  /** The key's first characters, to recognise it; the key itself is shown only at creation. */
  prefix: string;
  /** The roles the key acts with (at most its creator's current ones). */
  roles: MemberRole[];
  /** Who made it; null for keys that act for the whole organization (bootstrap keys). */
  created_by: { id: string; email: string; name: string | null } | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

export const CreateInvitationInputSchema = z.object({
  email: EmailSchema.optional(),
  roles: MemberRolesSchema.default(["annotator"]),
  expires_in_days: z.number().int().min(1).max(30).default(7),
});
export type CreateInvitationInput = z.input<typeof CreateInvitationInputSchema>;

export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export type InvitationInfo = {
  id: string;
  email: string | null;
  roles: MemberRole[];
  status: InvitationStatus;
  created_at: string;
  expires_at: string;
};

export const InvitationTokenInputSchema = z.object({ token: z.string().min(1).max(200) });

export type MemberInfo = {
  id: string;
  email: string;
  name: string | null;
  roles: MemberRole[];
  created_at: string;
  last_sign_in_at: string | null;
};

export const SetMemberRolesInputSchema = z.object({ id: z.uuid(), roles: MemberRolesSchema });

export type WorldMode = "live" | "test";
