import { Prisma } from "@taskforge/db";
import type {
  CreateProjectInput,
  ListProjectsInput,
  Project,
  SetProjectParamsInput,
  SetProjectSettingsInput,
} from "@taskforge/schema";
import { workSettingsIssues } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { conflict, invalidInput, notFound } from "../../errors";
import { worldOf } from "../../scope";
import type { Scope } from "../../scope";
import { asObject, projectSelect, toPublicProject, workSettingsData } from "./project-mapper";

const splitInstruction = (params: Record<string, unknown>) => {
  const { instruction, ...rest } = params;
  return { instruction: typeof instruction === "string" ? instruction : null, params: rest };
};

/** Creates a project; params given at creation become version 0 of its `param_history`. */
export const createProject = async (scope: Scope, input: CreateProjectInput): Promise<Project> => {
  try {
    const initial = input.params ? splitInstruction(input.params) : null;
    const row = await scope.db.prisma.project.create({
      data: {
        ...worldOf(scope),
        name: input.name,
        type: input.type,
        rapid: input.rapid ?? false,
        studio: input.studio ?? false,
        pipeline: input.pipeline ?? "standard_task",
        consensusAttempts: input.consensus_attempts ?? 1,
        // Scale's consensus_attempts asks for that many responses per task, like annotations_per_task.
        ...workSettingsData({
          annotations_per_task: input.consensus_attempts,
          ...input.work_settings,
        }),
        ...(initial
          ? {
              paramVersions: {
                create: {
                  version: 0,
                  instruction: initial.instruction,
                  params: initial.params as Prisma.InputJsonObject,
                },
              },
            }
          : {}),
      },
      select: projectSelect,
    });
    return toPublicProject(row);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw conflict(`A project named "${input.name}" already exists.`);
    }
    throw error;
  }
};

export const findProjectRow = async (
  scope: Scope,
  name: string,
  client: DbClient = scope.db.prisma,
) => {
  const row = await client.project.findFirst({
    where: { ...worldOf(scope), name },
    select: projectSelect,
  });
  if (!row) throw notFound(`Project "${name}"`);
  return row;
};

export const getProject = async (scope: Scope, name: string): Promise<Project> =>
  toPublicProject(await findProjectRow(scope, name));

/** Every project of the organization, oldest first; `archived` filters when given. */
export const listProjects = async (scope: Scope, input: ListProjectsInput): Promise<Project[]> => {
  const rows = await scope.db.prisma.project.findMany({
    where: {
      ...worldOf(scope),
      ...(input.archived !== undefined ? { archived: input.archived } : {}),
    },
    select: projectSelect,
    orderBy: { createdAt: "asc" },
  });
  return rows.map(toPublicProject);
};

/**
 * Appends a params version. With `patch`, the new params (and instruction) are merged over the latest
 * version's; without it, they replace them. The project row is locked so versions never collide.
 */
export const setProjectParams = (scope: Scope, input: SetProjectParamsInput): Promise<Project> =>
  scope.db.prisma.$transaction(async (tx) => {
    const project = await findProjectRow(scope, input.name, tx);
    await tx.$executeRaw`SELECT 1 FROM "projects" WHERE "id" = ${project.id}::uuid FOR UPDATE`;
    const latest = await tx.projectParamVersion.findFirst({
      where: { projectId: project.id },
      orderBy: { version: "desc" },
    });
    const given = splitInstruction(input.params);
    const instruction = input.instruction ?? given.instruction;
    const params = input.patch
      ? { ...asObject(latest?.params ?? {}), ...given.params }
      : given.params;
    await tx.projectParamVersion.create({
      data: {
        projectId: project.id,
        version: latest ? latest.version + 1 : 0,
        instruction: instruction ?? (input.patch ? (latest?.instruction ?? null) : null),
        params: params as Prisma.InputJsonObject,
      },
    });
    return toPublicProject(await findProjectRow(scope, input.name, tx));
  });

/**
 * Changes the given work settings; the others keep their values. The change is checked against the
 * saved settings it merges over, under the project's row lock, and written at once, so two managers
 * saving together never leave a mix that breaks a rule between settings. Tasks already created keep
 * the number of responses they need.
 */
export const setProjectSettings = (
  scope: Scope,
  input: SetProjectSettingsInput,
): Promise<Project> =>
  scope.db.prisma.$transaction(async (tx) => {
    const { id } = await findProjectRow(scope, input.name, tx);
    await tx.$executeRaw`SELECT 1 FROM "projects" WHERE "id" = ${id}::uuid FOR UPDATE`;
    const saved = toPublicProject(await findProjectRow(scope, input.name, tx)).work_settings;
    const issues = workSettingsIssues({ ...saved, ...input.work_settings });
    if (issues.length > 0) throw invalidInput(issues);
    const row = await tx.project.update({
      where: { id },
      data: workSettingsData(input.work_settings),
      select: projectSelect,
    });
    return toPublicProject(row);
  });
