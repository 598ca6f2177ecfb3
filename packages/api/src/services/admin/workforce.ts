import type { AdminProject, SetWorkerRolesInput } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { badRequest } from "../../errors";

/** Every project of the installation: the workforce page names grants by them and grants access to them. */
export const listAllProjects = async (tx: DbClient): Promise<AdminProject[]> => {
  const rows = await tx.project.findMany({
    select: {
      id: true,
      name: true,
      type: true,
      isTest: true,
      archived: true,
      organization: { select: { id: true, name: true } },
    },
    orderBy: [{ organization: { name: "asc" } }, { name: "asc" }],
  });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    type: p.type,
    is_test: p.isTest,
    archived: p.archived,
    organization_id: p.organization.id,
    organization_name: p.organization.name,
  }));
};

/**
 * Makes an existing account a Tasker and/or reviewer (or neither). The admin role is left as it is:
 * admins are made by configuration, not from a page.
 */
export const setWorkerRoles = async (tx: DbClient, input: SetWorkerRolesInput) => {
  const user = await tx.user.findUnique({
    where: { email: input.email },
    select: { id: true, platformRoles: true },
  });
  if (!user)
    throw badRequest(`No account with the email ${input.email}.`, [
      { path: ["email"], message: "no account with this email: they must sign up first" },
    ]);
  const roles = [
    ...(user.platformRoles.includes("admin") ? (["admin"] as const) : []),
    ...(input.tasker ? (["tasker"] as const) : []),
    ...(input.reviewer ? (["reviewer"] as const) : []),
  ];
  await tx.user.update({ where: { id: user.id }, data: { platformRoles: roles } });
  return { user_id: user.id, roles };
};
