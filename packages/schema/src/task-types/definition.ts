import type { z } from "zod";

import type { ResponseIssue } from "./issues";

/** What `consolidate` returns: the consensus answer of N responses to the same task. */
export type ConsolidationResult<R> = {
  /** The consolidated answer. */
  response: R;
  /** How much the inputs agreed, in [0, 1]; 1 when all responses are equivalent. */
  agreement: number;
  /** True when a vote somewhere ended in a tie (the consolidated answer then takes the option seen first). */
  tied: boolean;
  /** Human-readable notes on disagreements and ties, e.g. `category: tie between "big" and "small"`. */
  notes: string[];
};

/** A fixture: params and a response in input form, as a customer (or worker) would send them. */
export type TaskTypeExample = { name: string; params: unknown; response: unknown };

/**
 * Says that a type's image size may be left out on create: the server then reads it from the
 * header of the image the `attachment` param names and stores it under `width` and `height`, so
 * every stored task carries it. Keys are param names.
 */
export type ImageSizeSource = { attachment: string; width: string; height: string };

/**
 * Everything the platform knows about one task type. The REST facade, tRPC router, workspace
 * editors and consensus code all read these, so adding a type is adding one definition.
 */
export type TaskTypeDefinition<P = unknown, R = unknown> = {
  id: string;
  title: string;
  description: string;
  /** The params as stored (and as every reader of a task sees them). */
  params: z.ZodType<P>;
  /**
   * The params as a caller may send them: `params` itself, unless the server fills some in
   * (see `imageSizeFrom`). The OpenAPI document and the dashboard's form describe this one.
   */
  inputParams: z.ZodType;
  /** Set when the server reads the image size itself if the caller leaves it out. */
  imageSizeFrom?: ImageSizeSource | undefined;
  response: z.ZodType<R>;
  /**
   * Rules the response schema alone cannot express because they depend on the params (the
   * chosen category exists, a required field is answered…). Paths are relative to the response.
   */
  checkResponse(params: P, response: R): ResponseIssue[];
  /** The synthetic answer test-mode tasks complete with; must pass `checkResponse`. */
  placeholderResponse(params: P): R;
  /** Consolidates N >= 1 responses to the same task (consensus); pure. */
  consolidate(params: P, responses: readonly R[]): ConsolidationResult<R>;
  /** Scores one response against a known correct answer (gold tasks), in [0, 1] on the same scale as `agreement`. */
  scoreAgainstGold(params: P, response: R, gold: R): number;
  /** Fixtures: at least two valid params+response pairs (in input form, as a customer would send them). */
  examples: readonly TaskTypeExample[];
};

/**
 * Keeps each definition's concrete schema types (a plain annotation would widen them to
 * `z.ZodType`), which `CreateTaskInputSchema` needs to type each variant's params. A type that
 * names no `inputParams` takes its params as they are stored.
 */
export const defineTaskType = <
  const Id extends string,
  ParamsSchema extends z.ZodType,
  ResponseSchema extends z.ZodType,
  InputParamsSchema extends z.ZodType = ParamsSchema,
>(definition: {
  id: Id;
  title: string;
  description: string;
  params: ParamsSchema;
  inputParams?: InputParamsSchema;
  imageSizeFrom?: ImageSizeSource;
  response: ResponseSchema;
  checkResponse(
    params: z.output<ParamsSchema>,
    response: z.output<ResponseSchema>,
  ): ResponseIssue[];
  placeholderResponse(params: z.output<ParamsSchema>): z.output<ResponseSchema>;
  /** Consolidates N >= 1 responses to the same task (consensus); pure. */
  consolidate(
    params: z.output<ParamsSchema>,
    responses: readonly z.output<ResponseSchema>[],
  ): ConsolidationResult<z.output<ResponseSchema>>;
  /** Scores one response against a known correct answer (gold tasks), in [0, 1] on the same scale as `agreement`. */
  scoreAgainstGold(
    params: z.output<ParamsSchema>,
    response: z.output<ResponseSchema>,
    gold: z.output<ResponseSchema>,
  ): number;
  /** Fixtures: at least two valid params+response pairs (in input form, as a customer would send them). */
  examples: readonly TaskTypeExample[];
}) => ({
  ...definition,
  inputParams: (definition.inputParams ?? definition.params) as InputParamsSchema,
});
