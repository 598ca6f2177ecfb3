import { getTaskType, isRecord, validateResponse } from "@taskforge/schema";
import type { Database, Prisma } from "@taskforge/db";
import type { PracticeItem, PracticeResult, PracticeSubmitInput } from "@taskforge/schema";

import { invalidInput, notFound } from "../../errors";
import { SYSTEM_ROLES } from "../../scope";
import { resolveAttachments } from "../files";
import { WORKER_SCOPE_CTES } from "../work/eligible";
import { requireRole } from "../work/worker";
import type { Worker } from "../work/worker";

type TrainingRow = {
  id: string;
  organization_id: string;
  type: string;
  instruction: string;
  params: Record<string, unknown>;
  expected_response: Record<string, unknown>;
  project: string;
};

// The training tasks of the projects the worker may annotate (the claim's own rule of who works
// where, `WORKER_SCOPE_CTES` with $2 = 'annotate'), live world only, oldest first. `$3` null picks the
// next one they have not practised; an id picks that one, practised or not.
const TRAINING_SQL = `
WITH ${WORKER_SCOPE_CTES}
SELECT tt."id", tt."organization_id", tt."type", tt."instruction", tt."params",
  tt."expected_response", p."name" AS "project"
FROM "training_tasks" tt
JOIN "projects" p ON p."id" = tt."project_id"
WHERE tt."project_id" = ANY((SELECT projects FROM scope)::uuid[]) AND NOT tt."is_test"
  AND CASE WHEN $3::text IS NULL
    THEN NOT EXISTS (SELECT 1 FROM "training_attempts" a
      WHERE a."training_task_id" = tt."id" AND a."user_id" = $1::uuid)
    ELSE tt."id" = $3::text END
ORDER BY tt."created_at", tt."id"
LIMIT 1`;

const trainingTaskFor = async (db: Database, worker: Worker, id: string | null) => {
  const [row] = await db.sql.query<TrainingRow>(TRAINING_SQL, [worker.userId, "annotate", id]);
  return row ?? null;
};

/**
 * The next training task for a Tasker: one of a project they may annotate that they have not
 * practised yet, with attachments the browser can fetch and never its expected answer; null when
 * none is left. Practice claims nothing: no lease, no queue slot, no customer task touched.
 */
export const nextPractice = async (
  db: Database,
  worker: Worker,
  { baseUrl }: { baseUrl?: string | undefined } = {},
): Promise<PracticeItem | null> => {
  requireRole(worker, "annotate");
  const row = await trainingTaskFor(db, worker, null);
  if (!row) return null;
  const scope = {
    db,
    organizationId: row.organization_id,
    isTest: false,
    actor: "worker",
    roles: SYSTEM_ROLES,
  };
  return {
    training_task_id: row.id,
    type: row.type,
    project: row.project,
    instruction: row.instruction,
    params: await resolveAttachments(scope, row.params, { baseUrl }),
  };
};

/**
 * A Tasker's answer to a training task: checked like a real submission (field paths under
 * `response`), scored with the type's gold scoring against the expected answer, recorded (a second
 * try replaces the first), and answered with the expected answer so the Tasker learns from it.
 * A training task outside their projects is not found.
 */
export const submitPractice = async (
  db: Database,
  worker: Worker,
  input: PracticeSubmitInput,
): Promise<PracticeResult> => {
  requireRole(worker, "annotate");
  const row = await trainingTaskFor(db, worker, input.training_task_id);
  if (!row) throw notFound("Training task");
  const checked = validateResponse(row.type, row.params, input.response);
  if (!checked.success) throw invalidInput(checked.issues);
  const response = isRecord(checked.data) ? checked.data : input.response;
  const definition = getTaskType(row.type);
  const score = definition
    ? definition.scoreAgainstGold(row.params, response, row.expected_response)
    : 0;
  await db.prisma.$transaction((tx) =>
    tx.trainingAttempt.upsert({
      where: {
        trainingTaskId_userId: { trainingTaskId: row.id, userId: worker.userId },
      },
      create: {
        trainingTaskId: row.id,
        userId: worker.userId,
        response: response as Prisma.InputJsonObject,
        score,
      },
      update: { response: response as Prisma.InputJsonObject, score, submittedAt: new Date() },
    }),
  );
  return {
    training_task_id: row.id,
    score,
    response,
    expected_response: row.expected_response,
  };
};
