import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { claimExportJob, runExportJob } from "../services/exports";
import { expectTRPCError } from "../test/expect-error";
import { createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { scaleClient, startRestServer } from "../test/rest-server";
import { createWorkProject } from "../test/work-project";

let db: TestDatabase;
let acme: TestTenant;
let globex: TestTenant;
let server: Awaited<ReturnType<typeof startRestServer>>;
let scale: ReturnType<typeof scaleClient>;
let foreign: ReturnType<typeof scaleClient>;
let exportsDir: string;
let projectCount = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  globex = await createTenant(db, "Globex");
  server = await startRestServer({ db });
  scale = scaleClient(server.baseUrl, acme.live.key);
  foreign = scaleClient(server.baseUrl, globex.live.key);
  exportsDir = await mkdtemp(join(tmpdir(), "taskforge-quality-exports-"));
});
afterAll(async () => {
  await server.close();
  await db.close();
  await rm(exportsDir, { recursive: true, force: true });
});

/** A categorization project (categories cat and dog) with Taskers of the platform workforce. */
const workProject = (gold_rate = 0, tasks = 0) =>
  createWorkProject(db, acme, {
    name: `quality-${++projectCount}`,
    work_settings: { gold_rate, gold_min_count: 100 },
    tasks,
  });

/** Scale's flat body, as `create_evaluation_task(TaskType.Categorization, **kwargs)` sends it. */
const body = (project: string, extra: Record<string, unknown> = {}) => ({
  project,
  attachment: "a whiskered animal",
  instruction: "Which animal is it?",
  expected_response: { category: "cat" },
  ...extra,
});

const QUALITY_KEYS = [
  "created_at",
  "expected_response",
  "id",
  "instruction",
  "metadata",
  "params",
  "project",
  "type",
];

describe("POST /v1/evaluation_tasks/{type}", () => {
  it("answers the quality task the SDK's EvaluationTask reads, a gold task of the project", async () => {
    const { name } = await workProject();
    const { status, body: created } = await scale.post(
      "/evaluation_tasks/categorization",
      body(name, { metadata: { source: "sdk" } }),
    );
    expect(status, JSON.stringify(created)).toBe(200);
    expect(Object.keys(created).sort()).toEqual(QUALITY_KEYS);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      type: "categorization",
      project: name,
      expected_response: { category: "cat" },
      metadata: { source: "sdk" },
      // The project's params are merged in, as for any task.
      params: { attachment: "a whiskered animal", categories: ["cat", "dog"] },
    });
    expect(created).not.toHaveProperty("initial_response");
    const row = await db.prisma.task.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ isGold: true, expectedResponse: { category: "cat" } });
    const task = await scale.get(`/task/${created.id}`);
    expect(task.body).toMatchObject({ task_id: created.id, status: "pending", project: name });
    // The known answer is never part of the task object.
    expect(JSON.stringify(task.body)).not.toContain("expected_response");
  });

  it("refuses bad input with field paths", async () => {
    const { name } = await workProject();
    const missing = await scale.post("/evaluation_tasks/categorization", {
      project: name,
      attachment: "x",
    });
    expect(missing.status).toBe(400);
    expect(missing.body.status_code).toBe(400);
    expect(missing.body.issues).toContainEqual(
      expect.objectContaining({ path: "expected_response" }),
    );
    // Checked against the type's response schema and the task's params.
    const wrong = await scale.post(
      "/evaluation_tasks/categorization",
      body(name, { expected_response: { category: "fish" } }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatch(/^expected_response\.category: /);
    const shape = await scale.post(
      "/evaluation_tasks/categorization",
      body(name, { expected_response: { category: 7 } }),
    );
    expect(shape.status).toBe(400);
    expect(shape.body.issues?.[0]?.path).toBe("expected_response.category");
    const noProject = await scale.post("/evaluation_tasks/categorization", {
      attachment: "x",
      categories: ["a", "b"],
      expected_response: { category: "a" },
    });
    expect(noProject.status).toBe(400);
    expect(noProject.body.issues).toEqual([
      expect.objectContaining({ path: "project", message: expect.stringContaining("required") }),
    ]);
    const params = await scale.post("/evaluation_tasks/categorization", {
      project: name,
      expected_response: { category: "cat" },
    });
    expect(params.status).toBe(400);
    expect(params.body.error).toContain("params.attachment");
    const unknownType = await scale.post("/evaluation_tasks/nosuchtype", body(name));
    expect(unknownType.status).toBe(400);
    // Nothing of these was stored.
    expect(await db.prisma.task.count({ where: { isGold: true, project: { name } } })).toBe(0);
  });

  it("refuses initial_response (review-phase evaluation) with a 400 rather than ignoring it", async () => {
    const { name } = await workProject();
    const { status, body: refused } = await scale.post(
      "/evaluation_tasks/categorization",
      body(name, { initial_response: { category: "dog" } }),
    );
    expect(status).toBe(400);
    expect(refused.issues).toEqual([
      expect.objectContaining({
        path: "initial_response",
        message: expect.stringContaining("not supported"),
      }),
    ]);
    expect(await db.prisma.task.count({ where: { project: { name } } })).toBe(0);
  });

  it("is another organization's 404, and their project names are unknown", async () => {
    const { name } = await workProject();
    const { body: created } = await scale.post("/evaluation_tasks/categorization", body(name));
    const read = await foreign.get(`/task/${created.id}`);
    expect(read).toMatchObject({
      status: 404,
      body: { status_code: 404, error: "Task with that ID not found." },
    });
    const into = await foreign.post("/evaluation_tasks/categorization", body(name));
    expect(into.status).toBe(400);
    expect(into.body.error).toBe(`project: Project "${name}" not found.`);
  });

  it("is served to the project's Taskers like gold and scores them against expected_response", async () => {
    const { name, project, tasker } = await workProject(1);
    const { body: created } = await scale.post("/evaluation_tasks/categorization", body(name));
    const wrongTasker = await tasker();
    const served = await wrongTasker.work.next({});
    expect(served).toMatchObject({ task_id: created.id, type: "categorization" });
    // The Tasker never sees the known answer.
    expect(JSON.stringify(served)).not.toContain("expected_response");
    await wrongTasker.work.submit({
      assignment_id: served?.assignment_id ?? "",
      response: { category: "dog" },
    });
    const rightTasker = await tasker();
    const again = await rightTasker.work.next({});
    expect(again?.task_id).toBe(created.id);
    await rightTasker.work.submit({
      assignment_id: again?.assignment_id ?? "",
      response: { category: "cat" },
    });
    const scores = await db.prisma.taskAssignment.findMany({
      where: { taskId: created.id },
      select: { userId: true, goldScore: true },
    });
    expect(scores).toHaveLength(2);
    const stats = await db.prisma.taskerProjectStats.findMany({
      where: { projectId: project.id },
      select: { userId: true, goldCount: true, goldScoreSum: true },
    });
    const byUser = (rows: { userId: string }[], userId: string) =>
      rows.find((r) => r.userId === userId);
    const [wrongId, rightId] = await Promise.all(
      [wrongTasker, rightTasker].map(async (api) => (await api.work.stats({})).gold?.[0] ?? null),
    );
    expect(wrongId).toMatchObject({ gold_count: 1, accuracy: 0 });
    expect(rightId).toMatchObject({ gold_count: 1, accuracy: 1 });
    expect(scores.map((s) => s.goldScore).sort()).toEqual([0, 1]);
    for (const s of scores)
      expect(byUser(stats, s.userId)).toMatchObject({ goldCount: 1, goldScoreSum: s.goldScore });
    // A gold task only scores: it stays pending.
    expect((await scale.get(`/task/${created.id}`)).body.status).toBe("pending");
  });
});

describe("POST /v1/training_tasks/{type}", () => {
  it("answers the quality task the SDK's TrainingTask reads", async () => {
    const { name } = await workProject();
    const { status, body: created } = await scale.post(
      "/training_tasks/categorization",
      body(name),
    );
    expect(status, JSON.stringify(created)).toBe(200);
    expect(Object.keys(created).sort()).toEqual(QUALITY_KEYS);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      project: name,
      expected_response: { category: "cat" },
      params: { attachment: "a whiskered animal", categories: ["cat", "dog"] },
    });
  });

  it("refuses bad input with field paths, and keys that would make it a customer task", async () => {
    const { name } = await workProject();
    const wrong = await scale.post(
      "/training_tasks/categorization",
      body(name, { expected_response: { category: "fish" } }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatch(/^expected_response\.category: /);
    const missing = await scale.post("/training_tasks/categorization", {
      project: name,
      attachment: "x",
    });
    expect(missing.body.issues).toContainEqual(
      expect.objectContaining({ path: "expected_response" }),
    );
    const customerKeys = await scale.post(
      "/training_tasks/categorization",
      body(name, { callback_url: "https://example.com/hook", unique_id: "t-1", tags: ["x"] }),
    );
    expect(customerKeys.status).toBe(400);
    expect(customerKeys.body.issues.map((i: { path: string }) => i.path)).toEqual([
      "callback_url",
      "unique_id",
      "tags",
    ]);
    const initial = await scale.post(
      "/training_tasks/categorization",
      body(name, { initial_response: { category: "dog" } }),
    );
    expect(initial.status).toBe(400);
    expect(initial.body.issues[0].path).toBe("initial_response");
    const into = await foreign.post("/training_tasks/categorization", body(name));
    expect(into.status).toBe(400);
    expect(into.body.error).toBe(`project: Project "${name}" not found.`);
    expect(await db.prisma.trainingTask.count({ where: { project: { name } } })).toBe(0);
  });

  it("is never a customer task: not read, listed, counted, exported or called back", async () => {
    const { name, ids } = await workProject(0, 1);
    const { body: training } = await scale.post(
      "/training_tasks/categorization",
      body(name, { metadata: { kind: "training" } }),
    );
    expect((await scale.get(`/task/${training.id}`)).status).toBe(404);
    const listed = await scale.get(`/tasks?project=${encodeURIComponent(name)}`);
    expect(listed.body.total).toBe(1);
    expect(listed.body.docs.map((t: { task_id: string }) => t.task_id)).toEqual(ids);
    const project = await scale.get(`/projects/${encodeURIComponent(name)}`);
    expect(JSON.stringify(project.body)).not.toContain(training.id);
    const exported = await scale.post("/exports", { format: "jsonl", project: name });
    expect(exported.status, JSON.stringify(exported.body)).toBe(200);
    const job = await claimExportJob(db.sql, 60_000);
    expect(job).not.toBeNull();
    if (job) await runExportJob(db, job, { exportsDir });
    const download = await fetch(`${server.baseUrl}/exports/${exported.body.id}/download`, {
      headers: { authorization: `Basic ${Buffer.from(`${acme.live.key}:`).toString("base64")}` },
    });
    expect(download.status).toBe(200);
    const lines = (await download.text()).trim().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as { task_id: string }).task_id)).toEqual(ids);
    expect(await db.prisma.task.count({ where: { id: training.id } })).toBe(0);
    expect(await db.prisma.callbackDelivery.count({ where: { taskId: training.id } })).toBe(0);
  });

  it("is practised in the workspace: answered, scored, and shown the expected answer", async () => {
    const { name, tasker } = await workProject();
    const { body: training } = await scale.post("/training_tasks/categorization", body(name));
    const learner = await tasker();
    // Practice is not work: the queue has nothing, practice has the training task.
    expect(await learner.work.next({})).toBeNull();
    const item = await learner.work.practice({});
    expect(item).toEqual({
      training_task_id: training.id,
      type: "categorization",
      project: name,
      instruction: expect.stringContaining("Which animal is it?"),
      params: expect.objectContaining({ attachment: "a whiskered animal" }),
    });
    expect(JSON.stringify(item)).not.toContain("expected_response");
    const bad = await expectTRPCError(
      learner.work.practiceSubmit({
        training_task_id: training.id,
        response: { category: "fish" },
      }),
      "BAD_REQUEST",
    );
    expect(bad.message).toMatch(/^response\.category: /);
    const result = await learner.work.practiceSubmit({
      training_task_id: training.id,
      response: { category: "dog" },
    });
    expect(result).toEqual({
      training_task_id: training.id,
      score: 0,
      response: { category: "dog" },
      expected_response: { category: "cat" },
    });
    // Practised once, it is not served again; a second try still scores.
    expect(await learner.work.practice({})).toBeNull();
    const retry = await learner.work.practiceSubmit({
      training_task_id: training.id,
      response: { category: "cat" },
    });
    expect(retry.score).toBe(1);
    expect(await db.prisma.trainingAttempt.count({ where: { trainingTaskId: training.id } })).toBe(
      1,
    );
    // A Tasker without the project neither sees nor answers it.
    const { tasker: otherProjectTasker } = await workProject();
    const outsider = await otherProjectTasker();
    expect(await outsider.work.practice({})).toBeNull();
    await expectTRPCError(
      outsider.work.practiceSubmit({
        training_task_id: training.id,
        response: { category: "cat" },
      }),
      "NOT_FOUND",
    );
  });
});

describe("the task object's processed_attachments, work_started and response_url", () => {
  it("starts unstarted with no processed attachments, and work_started flips when a Tasker claims", async () => {
    const { ids, tasker } = await workProject(0, 1);
    const [taskId] = ids;
    const fresh = await scale.get(`/task/${taskId}`);
    expect(fresh.body).toMatchObject({ processed_attachments: [], work_started: false });
    expect(fresh.body).not.toHaveProperty("response_url");
    const listed = await scale.get(`/tasks?project=quality-${projectCount}`);
    expect(listed.body.docs[0]).toMatchObject({ processed_attachments: [], work_started: false });

    const alice = await tasker();
    const item = await alice.work.next({});
    expect(item?.task_id).toBe(taskId);
    expect((await scale.get(`/task/${taskId}`)).body.work_started).toBe(true);
    // Given back, nobody is working on it: it is as unstarted as before.
    await alice.work.release({ assignment_id: item?.assignment_id ?? "" });
    expect((await scale.get(`/task/${taskId}`)).body.work_started).toBe(false);

    const bob = await tasker();
    const claimed = await bob.work.next({});
    await bob.work.submit({
      assignment_id: claimed?.assignment_id ?? "",
      response: { category: "dog" },
    });
    const done = await scale.get(`/task/${taskId}`);
    expect(done.body).toMatchObject({
      status: "completed",
      work_started: true,
      processed_attachments: [],
      response_url: expect.stringMatching(
        new RegExp(`^/v1/task/${taskId}/response_url/[0-9a-f-]{36}$`),
      ),
    });
  });
});

describe("GET /v1/task/{task_id}/response_url/{uuid}", () => {
  it("serves a completed task's response to its organization only", async () => {
    const test = scaleClient(server.baseUrl, acme.test.key);
    // A test key's task is completed at creation, with its response_url.
    const { body: task } = await test.post("/task/categorization", {
      attachment_type: "text",
      attachment: "x",
      categories: ["a", "b"],
    });
    expect(task.status).toBe("completed");
    const path = String(task.response_url).replace(/^\/v1/, "");
    const file = await test.get(path);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("application/json");
    expect(file.body).toEqual(task.response);
    expect((await test.get(`/task/${task.task_id}`)).body.response_url).toBe(task.response_url);

    const notFound = { status: 404, body: { status_code: 404, error: "Response file not found." } };
    // Another organization, the other world of the same one, a wrong or malformed uuid: 404.
    expect(await scaleClient(server.baseUrl, globex.test.key).get(path)).toMatchObject(notFound);
    expect(await scale.get(path)).toMatchObject(notFound);
    const wrongUuid = path.replace(/[0-9a-f-]{36}$/, "00000000-0000-4000-8000-000000000000");
    expect(await test.get(wrongUuid)).toMatchObject(notFound);
    expect(await test.get(`/task/${task.task_id}/response_url/not-a-uuid`)).toMatchObject(notFound);
    expect(await test.get(path.replace(task.task_id, "0123456789abcdef01234567"))).toMatchObject(
      notFound,
    );
  });

  it("is 404 for a task that is not completed", async () => {
    const { ids } = await workProject(0, 1);
    const row = await db.prisma.task.findUniqueOrThrow({
      where: { id: ids[0] },
      select: { responseUuid: true },
    });
    expect(await scale.get(`/task/${ids[0]}/response_url/${row.responseUuid}`)).toMatchObject({
      status: 404,
      body: { status_code: 404 },
    });
  });
});
