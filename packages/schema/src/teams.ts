import { z } from "zod";

import { EmailSchema } from "./accounts";
import { MemberRoleSchema } from "./roles";
import type { MemberRole } from "./roles";

/**
 * Scale's team roles (`/v1/teams`) and the organization roles each stands for. Scale's labelers
 * only label; its members label and review; its managers run projects; its admins run the team.
 * `disabled` is a role Scale reports but nobody is given through the API.
 */
export const SCALE_TEAM_ROLES = ["labeler", "member", "manager", "admin"] as const;
export const ScaleTeamRoleSchema = z.enum(SCALE_TEAM_ROLES, {
  error: `must be one of ${SCALE_TEAM_ROLES.join(", ")}`,
});
export type ScaleTeamRole = z.infer<typeof ScaleTeamRoleSchema>;

export const ROLES_OF_SCALE_TEAM_ROLE: Record<ScaleTeamRole, MemberRole[]> = {
  labeler: ["annotator"],
  member: ["annotator", "reviewer"],
  manager: ["manager"],
  admin: ["admin"],
};

/**
 * The Scale team role a member's roles read as: the widest one they hold (owners read as admins;
 * a viewer, who only reads, as a member).
 */
export const scaleTeamRoleOf = (roles: readonly MemberRole[]): ScaleTeamRole =>
  roles.includes("owner") || roles.includes("admin")
    ? "admin"
    : roles.includes("manager")
      ? "manager"
      : roles.length > 0 && roles.every((role) => role === "annotator")
        ? "labeler"
        : "member";

/** A teammate as Scale answers it; `roles` (the organization roles) and `invite_url` are ours. */
export const TeammateSchema = z.object({
  email: z.string(),
  role: z.enum([...SCALE_TEAM_ROLES, "disabled"]),
  firstName: z.string().optional(),
  /** Set for someone invited who has not joined yet: when the invitation lapses. */
  expiry: z.string().optional(),
  roles: z.array(MemberRoleSchema),
  /** Only in the answer to the invitation that made it: the link that joins the organization. */
  invite_url: z.string().optional(),
});
export type Teammate = z.infer<typeof TeammateSchema>;
export const TeammateListSchema = z.array(TeammateSchema);

/** `GET /v1/teams` takes nothing (query parameters are ignored, as Scale does). */
export const TeamListInputSchema = z.object({}).optional();

const EmailsSchema = z
  .array(EmailSchema)
  .min(1, "list at least one email")
  .max(100, "list at most 100 emails")
  .transform((emails) => [...new Set(emails)]);

/** `POST /v1/teams/invite` and `POST /v1/teams/set_role`, as Scale's SDKs send them. */
export const TeamRoleInputSchema = z.strictObject({
  emails: EmailsSchema,
  team_role: ScaleTeamRoleSchema,
});
export type TeamRoleInput = z.output<typeof TeamRoleInputSchema>;

/** Where join links point (the REST facade passes its own origin). */
export const TeamInviteInputSchema = TeamRoleInputSchema.extend({
  base_url: z.url({ protocol: /^https?$/, error: "must be an http(s) origin" }).optional(),
});
export type TeamInviteInput = z.output<typeof TeamInviteInputSchema>;
