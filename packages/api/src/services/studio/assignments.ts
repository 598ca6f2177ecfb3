import type { StudioAssignmentChangeInput, StudioAssignments, WorkKind } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { worldOf } from "../../scope";
import type { Scope } from "../../scope";
import { membersByEmail, notFoundAt } from "./members";
import type { WorkingMember } from "./members";

// Scale Studio's assignments are the organization's per-project picks (work grants): a member
// assigned to a project is picked for it, for each kind of work their roles allow. Assigning makes
// the project work with selected members (`member_access: selected`), so that the assignments are
// what decides who works on it, as in Studio.

/** Each annotator's and reviewer's email with the projects (of the caller's world) they are picked for. */
export const listAssignments = async (
  scope: Scope,
  client: DbClient = scope.db.prisma,
): Promise<StudioAssignments> => {
  const members = await client.user.findMany({
    where: {
      organizationId: scope.organizationId,
      orgRoles: { hasSome: ["annotator", "reviewer"] },
    },
    select: { id: true, email: true },
    orderBy: { email: "asc" },
  });
  const grants = await client.workGrant.findMany({
    where: {
      removedAt: null,
      userId: { in: members.map((member) => member.id) },
      project: worldOf(scope),
    },
    select: { userId: true, project: { select: { name: true } } },
  });
  const projectsOf = new Map<string, Set<string>>();
  for (const grant of grants) {
    if (!grant.project) continue;
    const names = projectsOf.get(grant.userId) ?? new Set<string>();
    names.add(grant.project.name);
    projectsOf.set(grant.userId, names);
  }
  return Object.fromEntries(
    members.map((member) => [member.email, [...(projectsOf.get(member.id) ?? [])].sort()]),
  );
};

/** The projects of the caller's world with these names, in the order given; unknown ones are 404. */
const projectsByName = async (client: DbClient, scope: Scope, names: readonly string[]) => {
  const rows = await client.project.findMany({
    where: { ...worldOf(scope), name: { in: [...names] } },
    select: { id: true, name: true },
  });
  const byName = new Map(rows.map((row) => [row.name, row]));
  const unknown = names.flatMap((value, index) => (byName.has(value) ? [] : [{ index, value }]));
  if (unknown.length) throw notFoundAt("projects", "no project has the name", unknown);
  return names.map((name) => byName.get(name) as { id: string; name: string });
};

const kindsOf = (member: WorkingMember): WorkKind[] => [
  ...(member.orgRoles.includes("annotator") ? (["annotate"] as const) : []),
  ...(member.orgRoles.includes("reviewer") ? (["review"] as const) : []),
];

/**
 * Assigns every member to every project: a pick for each kind of work their roles allow, and the
 * projects then work with selected members. All or nothing: an unknown email or project, or a member
 * who neither annotates nor reviews, changes nothing. Answers every assignment.
 */
export const addAssignments = (scope: Scope, input: StudioAssignmentChangeInput) =>
  scope.db.prisma.$transaction(async (tx) => {
    const members = await membersByEmail(tx, scope, "emails", input.emails, true);
    const projects = await projectsByName(tx, scope, input.projects);
    const active = await tx.workGrant.findMany({
      where: {
        removedAt: null,
        userId: { in: members.map((m) => m.id) },
        projectId: { in: projects.map((p) => p.id) },
      },
      select: { userId: true, projectId: true, role: true },
    });
    const has = new Set(active.map((g) => `${g.userId} ${g.projectId} ${g.role}`));
    const data = members.flatMap((member) =>
      projects.flatMap((project) =>
        kindsOf(member)
          .filter((role) => !has.has(`${member.id} ${project.id} ${role}`))
          .map((role) => ({ userId: member.id, projectId: project.id, role })),
      ),
    );
    if (data.length) await tx.workGrant.createMany({ data });
    await tx.project.updateMany({
      where: { id: { in: projects.map((p) => p.id) }, memberAccess: { not: "selected" } },
      data: { memberAccess: "selected" },
    });
    return listAssignments(scope, tx);
  });

/**
 * Unassigns every member from every project (their picks are deleted, as `staffing.unpick` does).
 * All or nothing: an unknown email or project changes nothing. Answers every assignment.
 */
export const removeAssignments = (scope: Scope, input: StudioAssignmentChangeInput) =>
  scope.db.prisma.$transaction(async (tx) => {
    const members = await membersByEmail(tx, scope, "emails", input.emails, false);
    const projects = await projectsByName(tx, scope, input.projects);
    await tx.workGrant.deleteMany({
      where: {
        removedAt: null,
        userId: { in: members.map((m) => m.id) },
        projectId: { in: projects.map((p) => p.id) },
      },
    });
    return listAssignments(scope, tx);
  });
