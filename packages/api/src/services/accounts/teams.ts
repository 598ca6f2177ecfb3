import {
  canGrantRoles,
  MEMBER_ROLES,
  ROLES_OF_SCALE_TEAM_ROLE,
  scaleTeamRoleOf,
} from "@taskforge/schema";
import type { MemberRole, TeamInviteInput, Teammate, TeamRoleInput } from "@taskforge/schema";

import { AppError } from "../../errors";
import { createInvitation, listInvitations } from "./invitations";
import type { MemberScope } from "./members";
import { listMembers, requireOrganizationManager, setMemberRoles } from "./members";

// Scale's `/v1/teams` over the organization's members and invitations: the same services, so the
// same rules (only owners make owners, an organization keeps an owner).

const teammateOf = (email: string, roles: MemberRole[], expiry?: string): Teammate => ({
  email,
  role: scaleTeamRoleOf(roles),
  roles,
  ...(expiry ? { expiry } : {}),
});

/** The members, then those invited by email who have not joined yet (with `expiry`). */
export const listTeammates = async (scope: MemberScope): Promise<Teammate[]> => {
  const [members, invitations] = await Promise.all([listMembers(scope), listInvitations(scope)]);
  const joined = new Set(members.map((member) => member.email));
  const invited = invitations.filter(
    (invitation) =>
      invitation.status === "pending" && invitation.email && !joined.has(invitation.email),
  );
  return [
    ...members.map((member) => teammateOf(member.email, member.roles)),
    ...invited.map((invitation) =>
      teammateOf(invitation.email ?? "", invitation.roles, invitation.expires_at),
    ),
  ];
};

const listed = (emails: string[]) => emails.map((email) => `"${email}"`).join(", ");

/**
 * Invites each address with the roles of `team_role`, and answers the whole team as Scale does; the
 * new invitations carry `invite_url`, their join link (shown this once), and are emailed when SMTP
 * is configured and `base_url` is given. Nothing is sent when an address already belongs to a member.
 */
export const inviteTeammates = async (
  scope: MemberScope,
  input: TeamInviteInput,
): Promise<Teammate[]> => {
  requireOrganizationManager(scope);
  const members = new Set((await listMembers(scope)).map((member) => member.email));
  const already = input.emails.filter((email) => members.has(email));
  if (already.length)
    throw new AppError(
      "conflict",
      `Already on the team: ${listed(already)}. Change a member's role with /teams/set_role.`,
    );
  const roles = ROLES_OF_SCALE_TEAM_ROLE[input.team_role];
  const links = new Map<string, string>();
  for (const email of input.emails) {
    const { token } = await createInvitation(scope, {
      email,
      roles,
      ...(input.base_url ? { base_url: input.base_url } : {}),
    });
    links.set(email, `${input.base_url?.replace(/\/+$/, "") ?? ""}/join/${token}`);
  }
  return (await listTeammates(scope)).map((teammate) => {
    const link = teammate.expiry ? links.get(teammate.email) : undefined;
    return link ? { ...teammate, invite_url: link } : teammate;
  });
};

/**
 * Gives each member the roles of `team_role`. An owner made `admin` stays an owner (Scale's admin
 * covers both). Every address must be a member's; none is changed otherwise.
 */
export const setTeammateRoles = async (
  scope: MemberScope,
  input: TeamRoleInput,
): Promise<Teammate[]> => {
  requireOrganizationManager(scope);
  const all = await listMembers(scope);
  const unknown = input.emails.filter((email) => !all.some((member) => member.email === email));
  if (unknown.length)
    throw new AppError("not_found", `No member with the email ${listed(unknown)}.`);
  const wanted = ROLES_OF_SCALE_TEAM_ROLE[input.team_role];
  const targets = input.emails.flatMap((email) => all.filter((member) => member.email === email));
  const changes = targets.map((member) => {
    const keepsOwner = input.team_role === "admin" && member.roles.includes("owner");
    const roles = MEMBER_ROLES.filter(
      (role) => wanted.includes(role) || (keepsOwner && role === "owner"),
    );
    return { member, roles };
  });
  // Checked for all before any changes: an admin cannot change an owner's roles.
  if (changes.some(({ member }) => !canGrantRoles(scope.roles, member.roles)))
    throw new AppError(
      "forbidden",
      "Only an owner can make someone an owner or change an owner's roles.",
    );
  for (const { member, roles } of changes) await setMemberRoles(scope, member.id, roles);
  return changes.map(({ member, roles }) => teammateOf(member.email, roles));
};
