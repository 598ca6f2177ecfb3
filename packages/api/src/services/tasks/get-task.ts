import type { Task } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { taskNotFound } from "../../errors";
import type { Scope } from "../../scope";
import { publicTaskSelect, toPublicTask } from "./task-mapper";

export const getTask = async (
  scope: Scope,
  taskId: string,
  client: DbClient = scope.db.prisma,
): Promise<Task> => {
  const row = await client.task.findFirst({
    where: { id: taskId, organizationId: scope.organizationId, isTest: scope.isTest },
    select: publicTaskSelect,
    relationLoadStrategy: "join",
  });
  if (!row) throw taskNotFound();
  return toPublicTask(row);
};
