import type { Project, SetProjectOntologyInput, TaskTemplate } from "@taskforge/schema";

import type { Scope } from "../../scope";
import { asObject } from "./project-mapper";
import { findProjectRow, setProjectParams } from "./projects";

/**
 * Sets the project's ontology: a new params version with `ontology` (and `ontology_name`) merged
 * over the latest, so tasks created from now on inherit it and older versions keep theirs.
 */
export const setProjectOntology = (
  scope: Scope,
  input: SetProjectOntologyInput,
): Promise<Project> =>
  setProjectParams(scope, {
    name: input.name,
    patch: true,
    params: {
      ontology: input.ontology,
      ...(input.ontology_name !== undefined ? { ontology_name: input.ontology_name } : {}),
    },
  });

/**
 * The template new tasks of the project start from: its latest params version (none before the
 * first params are set: version null, no variables).
 */
export const getTaskTemplate = async (scope: Scope, name: string): Promise<TaskTemplate> => {
  const row = await findProjectRow(scope, name);
  const latest = row.paramVersions.at(-1);
  return {
    id: latest ? `${row.id}:${latest.version}` : row.id,
    project: row.name,
    version: latest?.version ?? null,
    created_at: row.createdAt.toISOString(),
    updated_at: (latest?.createdAt ?? row.createdAt).toISOString(),
    template_variables: latest
      ? {
          ...asObject(latest.params),
          ...(latest.instruction !== null ? { instruction: latest.instruction } : {}),
        }
      : {},
  };
};
