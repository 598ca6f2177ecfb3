import { Prisma } from "@taskforge/db";
import type {
  CreateProjectGroupInput,
  ProjectGroup,
  UpdateProjectGroupInput,
} from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { badRequest, conflict, notFound } from "../../errors";
import type { Scope } from "../../scope";
import { findProjectRow } from "../projects/projects";
import { membersByEmail } from "./members";

// Scale Studio's project groups: named sets of the organization's annotators and reviewers, one
// project each. A batch given groups is served only to their members (see `assignStudioBatch`).

export const groupSelect = {
  id: true,
  name: true,
  members: {
    select: { user: { select: { id: true, email: true } } },
    orderBy: { user: { email: "asc" } },
  },
} satisfies Prisma.ProjectGroupSelect;

type GroupRow = Prisma.ProjectGroupGetPayload<{ select: typeof groupSelect }>;

const toProjectGroup = (row: GroupRow): ProjectGroup => ({
  id: row.id,
  name: row.name,
  numWorkers: row.members.length,
  isSingleton: false,
  workers: row.members.map(({ user }) => ({ id: user.id, email: user.email })),
});

/** The project's groups, oldest first; another organization's project is 404. */
export const listProjectGroups = async (scope: Scope, project: string): Promise<ProjectGroup[]> => {
  const row = await findProjectRow(scope, project);
  const groups = await scope.db.prisma.projectGroup.findMany({
    where: { projectId: row.id },
    select: groupSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return groups.map(toProjectGroup);
};

const findGroup = async (client: DbClient, projectId: string, name: string) => {
  const group = await client.projectGroup.findUnique({
    where: { projectId_name: { projectId, name } },
    select: { id: true },
  });
  if (!group) throw notFound(`Project group "${name}"`);
  return group;
};

const readGroup = async (client: DbClient, id: string) =>
  toProjectGroup(
    await client.projectGroup.findUniqueOrThrow({ where: { id }, select: groupSelect }),
  );

/**
 * Creates a group of members (annotators or reviewers of the organization) in a project. A name the
 * project already has is a 409; an unknown email a 404 naming its field path; nothing is written then.
 */
export const createProjectGroup = (scope: Scope, input: CreateProjectGroupInput) =>
  scope.db.prisma
    .$transaction(async (tx) => {
      const project = await findProjectRow(scope, input.project, tx);
      const members = await membersByEmail(tx, scope, "emails", input.emails, true);
      const group = await tx.projectGroup.create({
        data: { projectId: project.id, name: input.name },
        select: { id: true },
      });
      if (members.length)
        await tx.projectGroupMember.createMany({
          data: members.map((member) => ({ groupId: group.id, userId: member.id })),
        });
      return readGroup(tx, group.id);
    })
    .catch((error: unknown) => {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
        throw conflict(`Project "${input.project}" already has a group named "${input.name}".`);
      throw error;
    });

/**
 * Adds and removes members of a group. Every email must be a member's of the organization (404
 * naming its field path otherwise); one listed both to add and to remove is a 400.
 */
export const updateProjectGroup = (scope: Scope, input: UpdateProjectGroupInput) =>
  scope.db.prisma.$transaction(async (tx) => {
    const project = await findProjectRow(scope, input.project, tx);
    const group = await findGroup(tx, project.id, input.group);
    const both = input.remove_emails.flatMap((email, index) =>
      input.add_emails.includes(email) ? [index] : [],
    );
    if (both.length)
      throw badRequest(
        both.map((index) => `remove_emails[${index}]: also listed in add_emails`).join("; "),
        both.map((index) => ({ path: ["remove_emails", index], message: "also in add_emails" })),
      );
    const added = await membersByEmail(tx, scope, "add_emails", input.add_emails, true);
    const removed = await membersByEmail(tx, scope, "remove_emails", input.remove_emails, false);
    if (added.length)
      await tx.projectGroupMember.createMany({
        data: added.map((member) => ({ groupId: group.id, userId: member.id })),
        skipDuplicates: true,
      });
    if (removed.length)
      await tx.projectGroupMember.deleteMany({
        where: { groupId: group.id, userId: { in: removed.map((member) => member.id) } },
      });
    return readGroup(tx, group.id);
  });
