import { Prisma } from "@taskforge/db";

import type { DbClient } from "../../db-client";

/**
 * Sends a task back to the annotation queue for a new round: pending again, `times_redone` + 1, its
 * current response kept in `prior_responses`, and the previous round's work no longer counted.
 */
export const sendBackForRedo = async (
  tx: DbClient,
  taskId: string,
  extra: Prisma.TaskUpdateInput = {},
) => {
  const task = await tx.task.findUniqueOrThrow({
    where: { id: taskId },
    select: { response: true, priorResponses: true },
  });
  const prior = Array.isArray(task.priorResponses) ? task.priorResponses : [];
  await tx.task.update({
    where: { id: taskId },
    data: {
      status: "pending",
      stage: "annotate",
      completedAt: null,
      response: Prisma.DbNull,
      priorResponses: task.response === null ? prior : [...prior, task.response],
      timesRedone: { increment: 1 },
      round: { increment: 1 },
      claimsOpen: 0,
      agreement: null,
      ...extra,
    },
  });
};
