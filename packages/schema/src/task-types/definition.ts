import type { z } from "zod";

import type { ResponseIssue } from "./issues";

/**
 * Everything the platform knows about one task type. The REST facade, tRPC router, workspace
 * editors and consensus code all read these, so adding a type is adding one definition.
 */
export type TaskTypeDefinition<P = unknown, R = unknown> = {
  id: string;
  title: string;
  description: string;
  params: z.ZodType<P>;
  response: z.ZodType<R>;
  /**
   * Rules the response schema alone cannot express because they depend on the params (the
   * chosen category exists, a required field is answered…). Paths are relative to the response.
   */
  checkResponse(params: P, response: R): ResponseIssue[];
  /** The synthetic answer test-mode tasks complete with; must pass `checkResponse`. */
  placeholderResponse(params: P): R;
};

/**
 * Keeps each definition's concrete schema types (a plain annotation would widen them to
 * `z.ZodType`), which `CreateTaskInputSchema` needs to type each variant's params.
 */
export const defineTaskType = <
  const Id extends string,
  ParamsSchema extends z.ZodType,
  ResponseSchema extends z.ZodType,
>(definition: {
  id: Id;
  title: string;
  description: string;
  params: ParamsSchema;
  response: ResponseSchema;
  checkResponse(
    params: z.output<ParamsSchema>,
    response: z.output<ResponseSchema>,
  ): ResponseIssue[];
  placeholderResponse(params: z.output<ParamsSchema>): z.output<ResponseSchema>;
}) => definition;
