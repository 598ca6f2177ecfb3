import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";

import type { Database } from "@taskforge/db";
import { WORK_KINDS } from "@taskforge/schema";

import { AppError } from "../../errors";
import { SYSTEM_ROLES } from "../../scope";
import type { Scope } from "../../scope";
import { hashPassword } from "../accounts/passwords";
import { storeFile } from "../files";
import { createDemoOrganization, DEMO_ORGANIZATION_NAME } from "../organizations/bootstrap";
import { createProject } from "../projects";
import { createTask } from "../tasks";
import { DEMO_PROJECTS } from "./content";
import type { DemoProject, DemoTask } from "./content";

/** The demo account that labels and reviews the demo projects. */
export const DEMO_WORKER_EMAIL = "demo.worker@example.com";

export type SeedResult = {
  organizationId: string;
  /** Set when this run created the organization: its keys, shown once (only hashes are kept). */
  keys: { liveKey: string; testKey: string } | null;
  /** The password is set only when this run created the account, to be shown once. */
  worker: { email: string; password: string | null };
  projectsCreated: number;
  tasksCreated: number;
};

/** The given organization, else the oldest demo organization, else a new one with its keys. */
const demoOrganization = async (db: Database, organizationId?: string) => {
  if (organizationId) return { organizationId, keys: null };
  const existing = await db.prisma.organization.findFirst({
    where: { name: DEMO_ORGANIZATION_NAME },
    orderBy: { createdAt: "asc" },
    select: { id: true },
  });
  if (existing) return { organizationId: existing.id, keys: null };
  const created = await db.prisma.$transaction((tx) => createDemoOrganization(tx));
  return {
    organizationId: created.organizationId,
    keys: { liveKey: created.liveKey, testKey: created.testKey },
  };
};

const isConflict = (error: unknown) => error instanceof AppError && error.code === "conflict";

const ensureProject = async (scope: Scope, project: DemoProject) => {
  const find = () =>
    scope.db.prisma.project.findFirst({
      where: { organizationId: scope.organizationId, isTest: false, name: project.name },
      select: { id: true },
    });
  const found = await find();
  if (found) return { id: found.id, created: false };
  let created = true;
  try {
    await createProject(scope, { type: project.type, name: project.name });
  } catch (error) {
    // Another seed run created it a moment ago: use theirs.
    if (!isConflict(error)) throw error;
    created = false;
  }
  const row = await find();
  if (!row) throw new Error(`demo project ${project.name} vanished while seeding`);
  return { id: row.id, created };
};

const createDemoTask = async (scope: Scope, project: DemoProject, task: DemoTask) => {
  const attachments: string[] = [];
  for (const file of task.files()) {
    const body = typeof file.body === "string" ? Buffer.from(file.body) : Buffer.from(file.body);
    const stored = await storeFile(
      scope,
      { body: Readable.from([body]), filename: file.name, mediaType: file.contentType },
      { project_name: project.name },
    );
    attachments.push(stored.attachment_url);
  }
  try {
    await createTask(scope, {
      type: project.type,
      project: project.name,
      instruction: project.instruction,
      unique_id: task.uniqueId,
      params: task.params(attachments),
    });
    return true;
  } catch (error) {
    // Another seed got there first: its task stands, ours is not needed.
    if (isConflict(error)) return false;
    throw error;
  }
};

/** The demo worker (Tasker and reviewer) with access to every demo project. */
const ensureWorker = async (db: Database, projectIds: string[]) => {
  const existing = await db.prisma.user.findUnique({
    where: { email: DEMO_WORKER_EMAIL },
    select: { id: true },
  });
  let password: string | null = null;
  let userId = existing?.id;
  if (!userId) {
    password = randomBytes(12).toString("base64url");
    const user = await db.prisma.user.create({
      data: {
        email: DEMO_WORKER_EMAIL,
        name: "Demo worker",
        passwordHash: await hashPassword(password),
        platformRoles: ["tasker", "reviewer"],
      },
      select: { id: true },
    });
    userId = user.id;
  }
  const grants = await db.prisma.workGrant.findMany({
    where: { userId, projectId: { in: projectIds } },
    select: { projectId: true, role: true },
  });
  const missing = projectIds.flatMap((projectId) =>
    WORK_KINDS.filter(
      (role) => !grants.some((g) => g.projectId === projectId && g.role === role),
    ).map((role) => ({ userId, projectId, role })),
  );
  if (missing.length) await db.prisma.workGrant.createMany({ data: missing });
  // The demo worker belongs to no organization: the demo projects let the platform workforce in.
  await db.prisma.project.updateMany({
    where: { id: { in: projectIds }, platformWorkforce: false },
    data: { platformWorkforce: true },
  });
  return { email: DEMO_WORKER_EMAIL, password };
};

/**
 * Fills an installation with demo content: a project per task type with a few tasks whose
 * attachments are generated and stored like uploads, and a demo worker who may label and review
 * them. Running it again adds nothing: projects are found by name, tasks by unique_id, the worker
 * by email (a removed grant stays removed).
 */
export const seedDemo = async (
  db: Database,
  options: { organizationId?: string } = {},
): Promise<SeedResult> => {
  const { organizationId, keys } = await demoOrganization(db, options.organizationId);
  const scope: Scope = { db, organizationId, isTest: false, actor: "seed", roles: SYSTEM_ROLES };
  let projectsCreated = 0;
  let tasksCreated = 0;
  const projectIds: string[] = [];
  for (const project of DEMO_PROJECTS) {
    const { id, created } = await ensureProject(scope, project);
    projectIds.push(id);
    if (created) projectsCreated++;
    const present = await db.prisma.task.findMany({
      where: {
        organizationId,
        isTest: false,
        uniqueId: { in: project.tasks.map((t) => t.uniqueId) },
      },
      select: { uniqueId: true },
    });
    const done = new Set(present.map((t) => t.uniqueId));
    for (const task of project.tasks) {
      if (done.has(task.uniqueId)) continue;
      if (await createDemoTask(scope, project, task)) tasksCreated++;
    }
  }
  const worker = await ensureWorker(db, projectIds);
  return { organizationId, keys, worker, projectsCreated, tasksCreated };
};
