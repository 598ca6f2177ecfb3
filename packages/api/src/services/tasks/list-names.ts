import type { TaskListQuery } from "@taskforge/schema";

import type { Scope } from "../../scope";

/**
 * The project and batch a list filters by, as ids. `null` when a named project or batch does not
 * exist in the caller's world, or the batch is not in the named project: nothing can match.
 */
export type ListNames = { projectId?: string; batch?: { id: string; projectId: string } } | null;

/**
 * Tasks are filtered by project and batch id rather than by a join on the name: a join leaves the
 * planner no index to start from (a sequential scan of every task), the id uses
 * tasks_project_created_idx / tasks_batch_created_idx. Names are unique within a world, so each
 * lookup is one index probe.
 */
export const resolveListNames = async (scope: Scope, query: TaskListQuery): Promise<ListNames> => {
  const world = { organizationId: scope.organizationId, isTest: scope.isTest };
  const [project, batch] = await Promise.all([
    query.project
      ? scope.db.prisma.project.findUnique({
          where: { organizationId_isTest_name: { ...world, name: query.project } },
          select: { id: true },
        })
      : undefined,
    query.batch
      ? scope.db.prisma.batch.findUnique({
          where: { organizationId_isTest_name: { ...world, name: query.batch } },
          select: { id: true, projectId: true },
        })
      : undefined,
  ]);
  if (project === null || batch === null) return null;
  if (project && batch && batch.projectId !== project.id) return null;
  return { ...(project ? { projectId: project.id } : {}), ...(batch ? { batch } : {}) };
};
