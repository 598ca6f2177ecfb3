import { CreateTaskCommonSchema, splitFlatTaskBody } from "@taskforge/schema";
import { z } from "zod";

import { notFound } from "../../errors";
import { bodyObject, withTaskId } from "../inputs";
import { defineRoute } from "../route";
import type { RestRoute, RouteRequest } from "../route";

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const QualityTaskBodySchema = CreateTaskCommonSchema.extend({
  expected_response: z.record(z.string(), z.unknown()),
  initial_response: z.record(z.string(), z.unknown()).optional(),
}).catchall(z.unknown());

// Scale's body is a task's flat create body (params beside the common keys) plus the known answer;
// `initial_response` is no param, so it is kept beside `expected_response` for the service to judge.
const qualityInput = ({ params, body }: RouteRequest) => {
  const { initial_response: initial, ...rest } = bodyObject(body);
  return {
    ...splitFlatTaskBody(params.type ?? "", rest),
    ...(initial !== undefined ? { initial_response: initial } : {}),
  };
};

export const qualityRoutes: RestRoute[] = [
  defineRoute({
    method: "POST",
    path: "/evaluation_tasks/:type",
    operation: "quality.createEvaluationTask",
    summary:
      "Create an evaluation task: a gold task of the project, served to its Taskers and scored against `expected_response` (`initial_response`, review-phase evaluation, is refused)",
    tag: "Tasks",
    body: QualityTaskBodySchema,
    toInput: qualityInput,
  }),
  defineRoute({
    method: "POST",
    path: "/training_tasks/:type",
    operation: "quality.createTrainingTask",
    summary:
      "Create a training task: practice for the project's Taskers, who are shown `expected_response` after answering; never a customer task (not listed, counted, exported or called back)",
    tag: "Tasks",
    body: QualityTaskBodySchema,
    toInput: qualityInput,
  }),
  defineRoute({
    method: "GET",
    path: "/task/:task_id/response_url/:uuid",
    operation: "tasks.responseFile",
    summary:
      "A completed task's secured response file (the `response_url` of its task object): the response as JSON, to the owning organization only",
    tag: "Tasks",
    // A uuid that cannot be one addresses no file: 404, as for an unknown one.
    toInput: (request) => {
      const uuid = request.params.uuid ?? "";
      if (!UUID_PATTERN.test(uuid)) throw notFound("Response file");
      return withTaskId(request, { uuid: uuid.toLowerCase() });
    },
  }),
];
