import { getTaskType } from "@taskforge/schema";
import { z } from "zod";

import { fieldsFromSchema } from "./schema-fields";
import type { FieldSpec, JsonSchema } from "./schema-fields";

const cache = new Map<string, FieldSpec[]>();

/** The generated form's fields for a task type's params (named under `params`), or [] if unknown. */
export const paramsFieldsFor = (type: string): FieldSpec[] => {
  const cached = cache.get(type);
  if (cached) return cached;
  const definition = getTaskType(type);
  const fields = definition
    ? fieldsFromSchema(
        z.toJSONSchema(definition.inputParams, {
          io: "input",
          unrepresentable: "any",
        }) as JsonSchema,
        "params",
      )
    : [];
  cache.set(type, fields);
  return fields;
};

/** The registry's examples of a type (params only), for "Load example". */
export const paramsExamplesFor = (type: string): { name: string; params: unknown }[] =>
  (getTaskType(type)?.examples ?? []).map(({ name, params }) => ({ name, params }));
