import { getTaskType } from "@taskforge/schema";
import type { Prisma } from "@taskforge/db";

import { logger } from "../../logger";
import type { LockedWork } from "./assignment";

/**
 * Scores a gold submission against the known answer and updates the Tasker's accuracy in the
 * project. Below the project's bar after its minimum number of gold tasks, the Tasker is removed
 * from the project (the grant records why) and the event is logged.
 */
export const scoreGoldSubmission = async (
  tx: Prisma.TransactionClient,
  work: LockedWork,
  response: unknown,
): Promise<number> => {
  const { task } = work;
  const definition = getTaskType(task.type);
  const score = definition
    ? definition.scoreAgainstGold(task.params, response, task.expectedResponse)
    : 0;
  await tx.taskAssignment.update({ where: { id: work.id }, data: { goldScore: score } });
  const project = task.project;
  if (!project) return score;
  const stats = await tx.taskerProjectStats.upsert({
    where: { userId_projectId: { userId: work.userId, projectId: project.id } },
    create: { userId: work.userId, projectId: project.id, goldCount: 1, goldScoreSum: score },
    update: {
      goldCount: { increment: 1 },
      goldScoreSum: { increment: score },
      updatedAt: new Date(),
    },
  });
  const accuracy = stats.goldScoreSum / stats.goldCount;
  if (stats.goldCount >= project.goldMinCount && accuracy < project.goldMinAccuracy) {
    const reason = `gold accuracy ${accuracy.toFixed(2)} below ${project.goldMinAccuracy} after ${stats.goldCount} gold tasks`;
    const removed = await tx.workGrant.updateMany({
      where: { userId: work.userId, projectId: project.id, role: "annotate", removedAt: null },
      data: { removedAt: new Date(), removedReason: reason },
    });
    // Access through a task-type grant is cut by a removed grant for this project.
    if (!removed.count) {
      await tx.workGrant.create({
        data: {
          userId: work.userId,
          projectId: project.id,
          role: "annotate",
          removedAt: new Date(),
          removedReason: reason,
        },
      });
    }
    logger.warn(
      { userId: work.userId, projectId: project.id, accuracy },
      `Tasker removed from project: ${reason}`,
    );
  }
  return score;
};
