import type { ProjectWorkSettings } from "@taskforge/schema";

import { callerFor, createWorker, workerCaller } from "./harness";
import type { TestDatabase, TestTenant } from "./harness";

/**
 * A fresh categorization project of the tenant's live world (so tests do not see each other's
 * tasks) holding `tasks` tasks, opted into the platform workforce, with makers of platform Taskers
 * and reviewers granted on it.
 */
export const createWorkProject = async (
  db: TestDatabase,
  tenant: TestTenant,
  options: { name: string; work_settings?: Partial<ProjectWorkSettings>; tasks?: number },
) => {
  const { name, work_settings = {}, tasks = 1 } = options;
  const customer = callerFor(db, tenant.live);
  const created = await customer.projects.create({
    type: "categorization",
    name,
    params: { attachment_type: "text", categories: ["cat", "dog"] },
    work_settings,
  });
  const project = await db.prisma.project.findUniqueOrThrow({
    where: {
      organizationId_isTest_name: { organizationId: tenant.organizationId, isTest: false, name },
    },
  });
  // Its Taskers and reviewers are the installation's platform workforce: the project opts them in.
  await db.prisma.project.update({ where: { id: project.id }, data: { platformWorkforce: true } });
  const ids: string[] = [];
  for (let i = 0; i < tasks; i++) {
    const task = await customer.tasks.create({
      type: "categorization",
      project: name,
      params: { attachment: `item ${i}` },
    });
    ids.push(task.task_id);
  }
  const newTasker = () => createWorker(db, ["tasker"], [{ projectId: project.id }]);
  const tasker = async () => workerCaller(db, await newTasker());
  const reviewer = async () =>
    workerCaller(
      db,
      await createWorker(db, ["reviewer"], [{ projectId: project.id, role: "review" }]),
    );
  return { name, project, settings: created.work_settings, ids, newTasker, tasker, reviewer };
};
