import { isRecord } from "@taskforge/schema";
import type { ResponseIssue } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import type { Scope } from "../../scope";

export type ResolvedReferences = {
  projectId: string | null;
  projectName: string | null;
  projectParamVersion: number | null;
  batchId: string | null;
  batchPriority: number;
  annotationsRequired: number;
  /** The params and instruction of the project version the task inherits, if any. */
  inherited: { params: Record<string, unknown>; instruction: string | null } | null;
};

export type ReferenceInput = {
  type?: unknown;
  project?: unknown;
  batch?: unknown;
  project_version?: unknown;
};

/** What a task that names no project, batch or project version resolves to (most bulk creates). */
const NO_REFERENCES: ResolvedReferences = Object.freeze({
  projectId: null,
  projectName: null,
  projectParamVersion: null,
  batchId: null,
  batchPriority: 0,
  annotationsRequired: 1,
  inherited: null,
});

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

const asObject = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

/**
 * Looks up the projects and batches that a set of create inputs name (one query each) and returns a
 * resolver turning one input into ids and inherited params, or the issues that make it invalid.
 * Inputs are raw here: they are validated in full after the project's params are merged in.
 * `fingerprint` identifies what was found (empty when nothing was named): inputs resolved against
 * one read stay right while a later read of the same names has the same fingerprint. Param
 * versions are never edited, only added, so their ids stand for their content.
 */
export const loadReferences = async (
  tx: DbClient,
  scope: Scope,
  inputs: readonly ReferenceInput[],
) => {
  const world = { organizationId: scope.organizationId, isTest: scope.isTest };
  const batchNames = [...new Set(inputs.flatMap((i) => text(i.batch) ?? []))];
  const batches = batchNames.length
    ? await tx.batch.findMany({
        where: { ...world, name: { in: batchNames } },
        select: {
          id: true,
          name: true,
          projectId: true,
          priority: true,
          project: { select: { name: true } },
        },
        orderBy: { id: "asc" },
      })
    : [];
  // A batch implies its project, so batch-only inputs inherit that project's params too.
  const projectNames = [
    ...new Set([
      ...inputs.flatMap((i) => text(i.project) ?? []),
      ...batches.map((b) => b.project.name),
    ]),
  ];
  const projects = projectNames.length
    ? await tx.project.findMany({
        where: { ...world, name: { in: projectNames } },
        select: {
          id: true,
          name: true,
          type: true,
          annotationsPerTask: true,
          paramVersions: { select: { id: true, version: true, params: true, instruction: true } },
        },
        orderBy: { id: "asc" },
      })
    : [];
  const projectByName = new Map(projects.map((p) => [p.name, p]));
  const batchByName = new Map(batches.map((b) => [b.name, b]));
  const fingerprint =
    batchNames.length || projectNames.length
      ? JSON.stringify([
          batches.map((b) => [b.id, b.name, b.projectId, b.priority, b.project.name]),
          projects.map((p) => [
            p.id,
            p.name,
            p.type,
            p.annotationsPerTask,
            p.paramVersions.map((v) => v.id).sort(),
          ]),
        ])
      : "";

  const resolve = (input: ReferenceInput): ResolvedReferences | ResponseIssue[] => {
    const namesNothing =
      input.batch === undefined &&
      input.project === undefined &&
      input.project_version === undefined;
    if (namesNothing) return NO_REFERENCES;
    const batchName = text(input.batch);
    const projectNameGiven = text(input.project);
    const batch = batchName ? batchByName.get(batchName) : undefined;
    if (batchName && !batch)
      return [{ path: ["batch"], message: `Batch "${batchName}" not found.` }];
    const projectName = projectNameGiven ?? batch?.project.name;
    const project = projectName ? projectByName.get(projectName) : undefined;
    if (projectNameGiven && !project) {
      return [{ path: ["project"], message: `Project "${projectNameGiven}" not found.` }];
    }
    if (batch && projectNameGiven && batch.project.name !== projectNameGiven) {
      return [
        {
          path: ["batch"],
          message: `Batch "${batch.name}" belongs to project "${batch.project.name}", not "${projectNameGiven}".`,
        },
      ];
    }
    if (project && typeof input.type === "string" && project.type !== input.type) {
      return [
        {
          path: ["type"],
          message: `Project "${project.name}" takes ${project.type} tasks, not ${input.type}.`,
        },
      ];
    }
    const requested = typeof input.project_version === "number" ? input.project_version : undefined;
    const versions = project?.paramVersions ?? [];
    let version = versions.reduce<(typeof versions)[number] | undefined>(
      (latest, v) => (!latest || v.version > latest.version ? v : latest),
      undefined,
    );
    if (requested === -1) version = undefined;
    else if (requested !== undefined) {
      version = versions.find((v) => v.version === requested);
      if (!version) {
        return [
          { path: ["project_version"], message: `Project version ${requested} does not exist.` },
        ];
      }
    }
    return {
      projectId: project?.id ?? null,
      projectName: project?.name ?? null,
      projectParamVersion: version?.version ?? null,
      batchId: batch?.id ?? null,
      batchPriority: batch?.priority ?? 0,
      annotationsRequired: project?.annotationsPerTask ?? 1,
      inherited: version
        ? { params: asObject(version.params), instruction: version.instruction }
        : null,
    };
  };
  return { resolve, fingerprint };
};

/**
 * The input as the task will be created: project params under the task's own (the task wins), and
 * the project's instruction appended after the task's, as Scale does.
 */
export const applyInheritance = (raw: Record<string, unknown>, references: ResolvedReferences) => {
  if (!references.inherited) return raw;
  const { params, instruction } = references.inherited;
  const own = typeof raw.instruction === "string" && raw.instruction ? raw.instruction : null;
  const combined = [own, instruction].filter(Boolean).join("\n\n");
  return {
    ...raw,
    params: { ...params, ...asObject(raw.params) },
    ...(combined ? { instruction: combined } : {}),
  };
};
