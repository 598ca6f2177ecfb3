import { z } from "zod";

/**
 * Roles inside an organization. A member holds any set of them: owners and admins run the
 * organization (members, API keys of others, callback settings), managers run its projects, tasks,
 * batches, imports and exports, annotators and reviewers label its tasks, viewers read the dashboard.
 */
export const MEMBER_ROLES = [
  "owner",
  "admin",
  "manager",
  "annotator",
  "reviewer",
  "viewer",
] as const;
export const MemberRoleSchema = z.enum(MEMBER_ROLES);

/** The two kinds of work on a task: labelling it, and reviewing another worker's labels. */
export const WorkKindSchema = z.enum(["annotate", "review"]);
export type WorkKind = z.infer<typeof WorkKindSchema>;
export const WORK_KINDS = WorkKindSchema.options;
export type MemberRole = z.infer<typeof MemberRoleSchema>;

/** A set of roles: at least one, each once, in the canonical order above. */
export const MemberRolesSchema = z
  .array(MemberRoleSchema)
  .min(1, "give at least one role")
  .transform((roles) => MEMBER_ROLES.filter((role) => roles.includes(role)));

export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = {
  owner: "Owner",
  admin: "Admin",
  manager: "Manager",
  annotator: "Annotator",
  reviewer: "Reviewer",
  viewer: "Viewer",
};

export const MEMBER_ROLE_DESCRIPTIONS: Record<MemberRole, string> = {
  owner: "everything, including deleting the organization's last owner's rights",
  admin: "members, invitations, API keys and organization settings (callbacks, signing secrets)",
  manager: "projects, tasks, batches, imports, exports and project settings",
  annotator: "labels the organization's tasks in the workspace",
  reviewer: "reviews annotators' work before it completes",
  viewer: "reads the dashboard",
};

/**
 * What a call may need. Every procedure and REST route names one; a member (or an API key) may make
 * the call when one of their roles grants it.
 */
export const PERMISSIONS = {
  /** Read the organization's tasks, projects, batches, exports and settings. */
  read: ["owner", "admin", "manager", "annotator", "reviewer", "viewer"],
  /** Create and change projects, tasks, batches, files, imports and exports. */
  manage_work: ["owner", "admin", "manager"],
  /** Make API keys (no wider than one's own roles). */
  use_api: ["owner", "admin", "manager"],
  /** Members, invitations, every member's keys, callback URL and signing secrets. */
  manage_organization: ["owner", "admin"],
  /** Claim and label the organization's tasks. */
  annotate: ["annotator"],
  /** Review the organization's labeled tasks. */
  review: ["reviewer"],
} as const satisfies Record<string, readonly MemberRole[]>;
export type Permission = keyof typeof PERMISSIONS;

export const hasPermission = (roles: readonly MemberRole[], permission: Permission) =>
  roles.some((role) => (PERMISSIONS[permission] as readonly MemberRole[]).includes(role));

/** Roles an owner or admin may hand out: an admin never makes an owner. */
export const canGrantRoles = (granter: readonly MemberRole[], roles: readonly MemberRole[]) =>
  granter.includes("owner") || (granter.includes("admin") && !roles.includes("owner"));

/** Someone who may do work: a member's roles in their organization and their platform roles. */
export type WorkerRoles = {
  roles: readonly string[];
  organization?: { roles: readonly MemberRole[] } | null;
};

/**
 * Whether the person may do this kind of work anywhere: as an annotator or reviewer of their
 * organization, or as a platform Tasker, reviewer or admin (on projects that opted into them).
 */
export const canWork = (worker: WorkerRoles, kind: WorkKind) => {
  const memberRole = kind === "annotate" ? "annotator" : "reviewer";
  const platformRole = kind === "annotate" ? "tasker" : "reviewer";
  return (
    worker.organization?.roles.includes(memberRole) === true ||
    worker.roles.includes(platformRole) ||
    worker.roles.includes("admin")
  );
};
