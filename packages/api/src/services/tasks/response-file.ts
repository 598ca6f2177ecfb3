import { isRecord } from "@taskforge/schema";
import type { TaskResponseFileInput } from "@taskforge/schema";

import { notFound } from "../../errors";
import type { Scope } from "../../scope";

const RESPONSE_FILE_SQL = `
SELECT t."response"
FROM "tasks" t
WHERE t."id" = $1 AND t."organization_id" = $2::uuid AND t."is_test" = $3
  AND t."response_uuid" = $4::uuid AND t."status" = 'completed' AND t."response" IS NOT NULL`;

/**
 * Scale's secured response file: a completed task's response as JSON, at the address its task object
 * shows (`response_url`). Only the owning organization's credentials reach it, and only with the
 * task's own random uuid; anything else (another organization, an unknown task, a wrong uuid, a task
 * not completed) is not found.
 */
export const getTaskResponseFile = async (
  scope: Scope,
  input: TaskResponseFileInput,
): Promise<Record<string, unknown>> => {
  const [row] = await scope.db.sql.query<{ response: unknown }>(RESPONSE_FILE_SQL, [
    input.task_id,
    scope.organizationId,
    scope.isTest,
    input.uuid,
  ]);
  if (!row || !isRecord(row.response)) throw notFound("Response file");
  return row.response;
};
