import type { ResponseIssue } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import type { Scope } from "../../scope";

export type ResolvedReferences = {
  projectId: string | null;
  projectParamVersion: number | null;
  batchId: string | null;
};

type ReferenceInput = {
  project?: string | undefined;
  batch?: string | undefined;
  project_version?: number | undefined;
};

/**
 * Looks up the projects and batches a set of create inputs name, with one query each, and returns a
 * resolver that turns one input into ids (or the issues that make it invalid).
 */
export const loadReferences = async (
  tx: DbClient,
  scope: Scope,
  inputs: readonly ReferenceInput[],
) => {
  const batchNames = [...new Set(inputs.flatMap((i) => (i.batch ? [i.batch] : [])))];
  const world = { organizationId: scope.organizationId, isTest: scope.isTest };
  const batches = batchNames.length
    ? await tx.batch.findMany({
        where: { ...world, name: { in: batchNames } },
        select: { id: true, name: true, projectId: true, project: { select: { name: true } } },
      })
    : [];
  // A batch implies its project, so the project's versions are needed for batch-only inputs too.
  const projectNames = [
    ...new Set([
      ...inputs.flatMap((i) => (i.project ? [i.project] : [])),
      ...batches.map((b) => b.project.name),
    ]),
  ];
  const projects = projectNames.length
    ? await tx.project.findMany({
        where: { ...world, name: { in: projectNames } },
        select: { id: true, name: true, paramVersions: { select: { version: true } } },
      })
    : [];
  const projectByName = new Map(projects.map((p) => [p.name, p]));
  const batchByName = new Map(batches.map((b) => [b.name, b]));

  return (input: ReferenceInput): ResolvedReferences | ResponseIssue[] => {
    const batch = input.batch ? batchByName.get(input.batch) : undefined;
    if (input.batch && !batch)
      return [{ path: ["batch"], message: `Batch "${input.batch}" not found.` }];
    const projectName = input.project ?? batch?.project.name;
    const project = projectName ? projectByName.get(projectName) : undefined;
    if (input.project && !project)
      return [{ path: ["project"], message: `Project "${input.project}" not found.` }];
    if (batch && input.project && batch.project.name !== input.project) {
      return [
        {
          path: ["batch"],
          message: `Batch "${batch.name}" belongs to project "${batch.project.name}", not "${input.project}".`,
        },
      ];
    }
    const versions = project?.paramVersions.map((v) => v.version) ?? [];
    const latest = versions.length ? Math.max(...versions) : null;
    let projectParamVersion = latest;
    if (input.project_version !== undefined && input.project_version !== -1) {
      if (!versions.includes(input.project_version)) {
        return [
          {
            path: ["project_version"],
            message: `Project version ${input.project_version} does not exist.`,
          },
        ];
      }
      projectParamVersion = input.project_version;
    } else if (input.project_version === -1) {
      projectParamVersion = null;
    }
    return {
      projectId: project?.id ?? batch?.projectId ?? null,
      projectParamVersion,
      batchId: batch?.id ?? null,
    };
  };
};
