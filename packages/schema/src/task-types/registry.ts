import { z } from "zod";

import { audiotranscriptionTaskType } from "./audiotranscription";
import { categorizationTaskType } from "./categorization";
import { comparisonTaskType } from "./comparison";
import type { TaskTypeDefinition } from "./definition";
import { documenttranscriptionTaskType } from "./documenttranscription";
import { imageannotationTaskType } from "./imageannotation";
import type { ResponseIssue, ValidationResult } from "./issues";
import { prefixIssues, zodIssuesToResponseIssues } from "./issues";
import {
  annotationTaskType,
  cuboidannotationTaskType,
  lineannotationTaskType,
  pointannotationTaskType,
  polygonannotationTaskType,
} from "./legacy-image";
import { lidarsegmentationTaskType } from "./lidarsegmentation";
import { namedentityrecognitionTaskType } from "./namedentityrecognition";
import { segmentannotationTaskType } from "./segmentannotation";
import { textcollectionTaskType } from "./textcollection";
import { videoannotationTaskType } from "./videoannotation";

/** Every supported task type, keyed by the id used in `POST /v1/task/{type}`. */
export const taskTypes = Object.freeze({
  categorization: categorizationTaskType,
  imageannotation: imageannotationTaskType,
  videoannotation: videoannotationTaskType,
  lidarsegmentation: lidarsegmentationTaskType,
  documenttranscription: documenttranscriptionTaskType,
  textcollection: textcollectionTaskType,
  namedentityrecognition: namedentityrecognitionTaskType,
  comparison: comparisonTaskType,
  audiotranscription: audiotranscriptionTaskType,
  segmentannotation: segmentannotationTaskType,
  // Scale's legacy single-shape image types: imageannotation with one geometry, legacy wire shapes.
  annotation: annotationTaskType,
  polygonannotation: polygonannotationTaskType,
  lineannotation: lineannotationTaskType,
  pointannotation: pointannotationTaskType,
  cuboidannotation: cuboidannotationTaskType,
});

export type TaskType = keyof typeof taskTypes;
export type TaskParams<T extends TaskType> = z.output<(typeof taskTypes)[T]["params"]>;
export type TaskParamsInput<T extends TaskType> = z.input<(typeof taskTypes)[T]["params"]>;
export type TaskResponse<T extends TaskType> = z.output<(typeof taskTypes)[T]["response"]>;

// Derived from the registry so that adding a type is one entry in `taskTypes`.
export const TASK_TYPE_IDS: readonly TaskType[] = Object.freeze(
  Object.keys(taskTypes) as TaskType[],
);

const unknownTypeMessage = (type: unknown): string =>
  `Unknown task type ${JSON.stringify(type) ?? String(type)}. Supported types: ${TASK_TYPE_IDS.join(", ")}`;

export const TaskTypeSchema = z.enum(TASK_TYPE_IDS, {
  error: (issue) => unknownTypeMessage(issue.input),
});

export const isTaskType = (id: string): id is TaskType => Object.hasOwn(taskTypes, id);

// A definition's own id must be its key, or `POST /task/{type}` would store the wrong type.
taskTypes satisfies { [K in TaskType]: { id: K } };

export const getTaskType = (id: string): TaskTypeDefinition | undefined =>
  isTaskType(id) ? taskTypes[id] : undefined;

const unknownTypeIssues = (type: string): ResponseIssue[] => [
  { path: ["type"], message: unknownTypeMessage(type) },
];

export function parseTaskParams<T extends TaskType>(
  type: T,
  params: unknown,
): ValidationResult<TaskParams<T>>;
export function parseTaskParams(type: string, params: unknown): ValidationResult<unknown>;
export function parseTaskParams(type: string, params: unknown): ValidationResult<unknown> {
  const definition = getTaskType(type);
  if (definition === undefined) return { success: false, issues: unknownTypeIssues(type) };
  const parsed = definition.params.safeParse(params);
  return parsed.success
    ? { success: true, data: parsed.data }
    : { success: false, issues: zodIssuesToResponseIssues(parsed.error, ["params"]) };
}

/**
 * Checks a submitted response against the task's params: first its shape, then the rules that
 * depend on the params. Params are re-parsed so that their defaults (allow_multiple,
 * min_responses_required…) apply to tasks stored before a default existed.
 */
export function validateResponse<T extends TaskType>(
  type: T,
  params: unknown,
  response: unknown,
): ValidationResult<TaskResponse<T>>;
export function validateResponse(
  type: string,
  params: unknown,
  response: unknown,
): ValidationResult<unknown>;
export function validateResponse(
  type: string,
  params: unknown,
  response: unknown,
): ValidationResult<unknown> {
  const definition = getTaskType(type);
  if (definition === undefined) return { success: false, issues: unknownTypeIssues(type) };
  const parsedParams = definition.params.safeParse(params);
  if (!parsedParams.success) {
    return { success: false, issues: zodIssuesToResponseIssues(parsedParams.error, ["params"]) };
  }
  const parsedResponse = definition.response.safeParse(response);
  if (!parsedResponse.success) {
    return {
      success: false,
      issues: zodIssuesToResponseIssues(parsedResponse.error, ["response"]),
    };
  }
  const issues = definition.checkResponse(parsedParams.data, parsedResponse.data);
  return issues.length === 0
    ? { success: true, data: parsedResponse.data }
    : { success: false, issues: prefixIssues(["response"], issues) };
}
