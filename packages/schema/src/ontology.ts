import { z } from "zod";

import { NameSchema, TimestampSchema } from "./common";

const LabelSchema = z
  .string()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters");

/** A label with its description and its own choices (one level deeper), as Scale's SDK sends it. */
export const OntologyChoiceSchema = z.looseObject({
  choice: LabelSchema,
  description: z.string().max(2000).optional(),
  subchoices: z
    .array(z.union([LabelSchema, z.looseObject({ choice: LabelSchema })]))
    .max(1000)
    .optional(),
});

/** A project's ontology: its labels, each a name or a choice with subchoices. */
export const OntologySchema = z
  .array(z.union([LabelSchema, OntologyChoiceSchema]))
  .min(1, "list at least one label")
  .max(1000, "list at most 1000 labels");
export type Ontology = z.infer<typeof OntologySchema>;

/**
 * `POST /v1/projects/{name}/setOntology`: the ontology becomes part of a new params version of the
 * project (`ontology`, with `ontology_name` from the body's `name`), merged over the latest.
 */
export const SetProjectOntologyInputSchema = z.strictObject({
  name: NameSchema,
  ontology: OntologySchema,
  ontology_name: LabelSchema.optional(),
});
export type SetProjectOntologyInput = z.infer<typeof SetProjectOntologyInputSchema>;

/**
 * `GET /v1/projects/{name}/taskTemplates`: the template new tasks of the project start from, which
 * is its latest params version (`template_variables` are those params). The keys are the ones
 * Scale's Python SDK requires.
 */
export const TaskTemplateSchema = z.object({
  id: z.string(),
  project: z.string(),
  version: z.int().min(0).nullable(),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
  template_variables: z.record(z.string(), z.unknown()),
});
export type TaskTemplate = z.infer<typeof TaskTemplateSchema>;
