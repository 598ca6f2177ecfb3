import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { displayPrefixOf, generateApiKey, hashApiKey } from "../api-keys";
import { createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { scaleClient, startRestServer } from "../test/rest-server";

let db: TestDatabase;
let acme: TestTenant;
let server: Awaited<ReturnType<typeof startRestServer>>;
let scale: ReturnType<typeof scaleClient>;

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  server = await startRestServer({ db });
  scale = scaleClient(server.baseUrl, acme.live.key);
});
afterAll(async () => {
  await server.close();
  await db.close();
});

const path = (name: string) => encodeURIComponent(name);

describe("projects", () => {
  it("creates, lists as a bare array, gets by a name with a slash, and refuses a duplicate", async () => {
    const name = "a bc/def";
    const created = await scale.post("/projects", {
      type: "categorization",
      name,
      params: { instruction: "Pick one.", categories: ["cat", "dog"], attachment_type: "text" },
      rapid: false,
      studio: false,
      datasetId: null,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name,
      type: "categorization",
      param_history: [{ version: 0, instruction: "Pick one.", categories: ["cat", "dog"] }],
      archived: false,
    });
    expect((await scale.get(`/projects/${path(name)}`)).body).toEqual(created.body);
    const list = await scale.get("/projects");
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body.map((p: { name: string }) => p.name)).toContain(name);
    expect(await scale.post("/projects", { type: "categorization", name })).toMatchObject({
      status: 409,
    });
    expect((await scale.get(`/projects/${path("missing")}`)).status).toBe(404);
  });

  it("appends params versions, patching or replacing, and tasks inherit the chosen version", async () => {
    await scale.post("/projects", {
      type: "categorization",
      name: "kittens",
      params: {
        instruction: "Project rules.",
        attachment_type: "text",
        categories: ["big", "small"],
      },
    });
    const patched = await scale.post("/projects/kittens/setParams", {
      patch: true,
      categories: ["tiny", "huge"],
    });
    expect(patched.body.param_history.map((v: { version: number }) => v.version)).toEqual([0, 1]);
    expect(patched.body.param_history[1]).toMatchObject({
      attachment_type: "text",
      categories: ["tiny", "huge"],
      instruction: "Project rules.",
    });

    const inherited = await scale.post("/task/categorization", {
      project: "kittens",
      attachment: "a kitten",
      instruction: "Look closely.",
    });
    expect(inherited.status).toBe(200);
    expect(inherited.body).toMatchObject({
      project: "kittens",
      project_param_version: 1,
      instruction: "Look closely.\n\nProject rules.",
      params: { attachment: "a kitten", attachment_type: "text", categories: ["tiny", "huge"] },
    });
    const own = await scale.post("/task/categorization", {
      project: "kittens",
      attachment: "x",
      categories: ["mine", "yours"],
    });
    expect(own.body.params.categories).toEqual(["mine", "yours"]);
    const older = await scale.post("/task/categorization", {
      project: "kittens",
      attachment: "x",
      project_version: 0,
    });
    expect(older.body).toMatchObject({
      project_param_version: 0,
      params: { categories: ["big", "small"] },
    });
    const none = await scale.post("/task/categorization", {
      project: "kittens",
      attachment: "x",
      project_version: -1,
    });
    expect(none.status).toBe(400);
    expect(none.body.error).toContain("params.");

    const replaced = await scale.post("/projects/kittens/setParams", {
      categories: ["only", "these"],
    });
    expect(replaced.body.param_history[2]).not.toHaveProperty("attachment_type");
    const wrongType = await scale.post("/task/textcollection", {
      project: "kittens",
      attachments: [],
      fields: [],
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error).toContain("takes categorization tasks");
    expect(
      (await scale.post("/task/categorization", { project: "nope", attachment: "x" })).status,
    ).toBe(400);
  });
});

describe("project work settings", () => {
  it("sets redo and workforce settings with the others, returns them on GET, and keeps the rest", async () => {
    await scale.post("/projects", { type: "categorization", name: "team-only" });
    const before = (await scale.get("/projects/team-only")).body.work_settings;
    expect(before).toMatchObject({
      member_access: "all",
      platform_workforce: false,
      redo_to: "anyone",
    });
    const set = await scale.post("/projects/team-only/setSettings", {
      member_access: "selected",
      platform_workforce: true,
      redo_to: "someone_else",
      lease_seconds: 1200,
    });
    expect(set.status).toBe(200);
    const after = {
      ...before,
      member_access: "selected",
      platform_workforce: true,
      redo_to: "someone_else",
      lease_seconds: 1200,
    };
    expect(set.body.work_settings).toEqual(after);
    expect((await scale.get("/projects/team-only")).body.work_settings).toEqual(after);
  });

  it("names the offending field and changes nothing when one setting is wrong", async () => {
    const before = (await scale.get("/projects/team-only")).body.work_settings;
    const unchanged = async () =>
      expect((await scale.get("/projects/team-only")).body.work_settings).toEqual(before);
    const wrongValue = await scale.post("/projects/team-only/setSettings", {
      lease_seconds: 60,
      redo_to: "previous",
    });
    expect(wrongValue.status).toBe(400);
    expect(wrongValue.body.issues).toEqual([
      expect.objectContaining({ path: "work_settings.redo_to" }),
    ]);
    const wrongType = await scale.post("/projects/team-only/setSettings", {
      platform_workforce: "yes",
    });
    expect(wrongType.body.error).toContain("work_settings.platform_workforce");
    const unknownSetting = await scale.post("/projects/team-only/setSettings", {
      workforce: "all",
    });
    expect(unknownSetting.status).toBe(400);
    expect(unknownSetting.body.error).toContain("workforce");
    await unchanged();
    // The rule between settings is checked against the saved ones: the max may not go below them.
    await scale.post("/projects/team-only/setSettings", { annotations_per_task: 3 });
    const saved = (await scale.get("/projects/team-only")).body.work_settings;
    const belowSaved = await scale.post("/projects/team-only/setSettings", {
      lease_seconds: 60,
      max_annotations_per_task: 2,
    });
    expect(belowSaved.status).toBe(400);
    expect(belowSaved.body.issues).toEqual([
      {
        path: "work_settings.max_annotations_per_task",
        message: "must be at least annotations_per_task (3)",
      },
    ]);
    expect((await scale.get("/projects/team-only")).body.work_settings).toEqual(saved);
  });

  it("refuses a viewer's key with 403 and lets it read the settings", async () => {
    const key = generateApiKey("live");
    await db.prisma.apiKey.create({
      data: {
        organizationId: acme.organizationId,
        mode: "live",
        keyHash: hashApiKey(key),
        displayPrefix: displayPrefixOf(key),
        roles: ["viewer"],
      },
    });
    const viewer = scaleClient(server.baseUrl, key);
    expect((await viewer.get("/projects/team-only")).body.work_settings.redo_to).toBe(
      "someone_else",
    );
    const refused = await viewer.post("/projects/team-only/setSettings", { redo_to: "anyone" });
    expect(refused.status).toBe(403);
  });
});

describe("batches", () => {
  it("creates in_progress batches with the keys Scale's SDKs require, and refuses duplicates", async () => {
    await scale.post("/projects", {
      type: "categorization",
      name: "p1",
      params: { attachment_type: "text", categories: ["a", "b"] },
    });
    const created = await scale.post("/batches", {
      project: "p1",
      name: "p1/batch 1",
      callback: "",
      calibration_batch: false,
      self_label_batch: false,
      metadata: {},
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: "p1/batch 1",
      project: "p1",
      status: "in_progress",
      metadata: {},
    });
    expect(created.body.created_at).toMatch(/Z$/);
    expect((await scale.get(`/batches/${path("p1/batch 1")}`)).body).toEqual(created.body);
    expect((await scale.post("/batches", { project: "p1", name: "p1/batch 1" })).status).toBe(409);
    expect((await scale.post("/batches", { project: "missing", name: "x" })).status).toBe(404);
  });

  it("completes a batch when its last task ends, counting tasks per status", async () => {
    await scale.post("/batches", { project: "p1", name: "lifecycle" });
    const a = await scale.post("/task/categorization", { batch: "lifecycle", attachment: "a" });
    const b = await scale.post("/task/categorization", { batch: "lifecycle", attachment: "b" });
    expect(a.body).toMatchObject({ batch: "lifecycle", project: "p1" });
    expect((await scale.get("/batches/lifecycle/status")).body).toEqual({
      status: "in_progress",
      pending: 2,
    });
    await scale.post(`/task/${a.body.task_id}/cancel`);
    expect((await scale.get("/batches/lifecycle")).body.status).toBe("in_progress");
    await scale.post(`/task/${b.body.task_id}/cancel`);
    expect((await scale.get("/batches/lifecycle/status")).body).toEqual({
      status: "completed",
      canceled: 2,
    });
    await scale.post("/task/categorization", { batch: "lifecycle", attachment: "c" });
    expect((await scale.get("/batches/lifecycle")).body.status).toBe("in_progress");
  });

  it("keeps Rapid batches in staging until finalized; finalize is a no-op otherwise", async () => {
    await scale.post("/projects", {
      type: "categorization",
      name: "rapid",
      rapid: true,
      params: { attachment_type: "text", categories: ["a", "b"] },
    });
    const staged = await scale.post("/batches", { project: "rapid", name: "rapid-1" });
    expect(staged.body.status).toBe("staging");
    await scale.post("/task/categorization", { batch: "rapid-1", attachment: "x" });
    expect((await scale.post("/batches/rapid-1/finalize")).body.status).toBe("in_progress");
    expect((await scale.post("/batches/rapid-1/finalize")).body.status).toBe("in_progress");
  });

  it("lists newest first with total and totalDocs and offset paging, and replaces metadata", async () => {
    for (const name of ["l1", "l2", "l3"]) await scale.post("/batches", { project: "p1", name });
    const page = await scale.get("/batches?project=p1&limit=2&offset=0");
    expect(page.body).toMatchObject({ limit: 2, offset: 0, has_more: true });
    expect(page.body.total).toBe(page.body.totalDocs);
    expect(page.body.docs.map((b: { name: string }) => b.name)).toEqual(["l3", "l2"]);
    const rest = await scale.get(`/batches?project=p1&limit=2&offset=${page.body.total - 1}`);
    expect(rest.body.has_more).toBe(false);
    expect(
      (await scale.get("/batches?status=completed")).body.docs.every(
        (b: { status: string }) => b.status === "completed",
      ),
    ).toBe(true);
    const meta = await scale.post("/batches/l1/setMetadata", { owner: "me" });
    expect(meta.body.metadata).toEqual({ owner: "me" });
  });
});

describe("test mode", () => {
  it("completes test tasks at once with a valid placeholder; cancel is then refused; worlds stay apart", async () => {
    const test = scaleClient(server.baseUrl, acme.test.key);
    const created = await test.post("/task/categorization", {
      attachment_type: "text",
      attachment: "x",
      categories: ["yes", "no"],
    });
    expect(created.body).toMatchObject({
      status: "completed",
      is_test: true,
      response: { category: "yes" },
    });
    expect(created.body.completed_at).toMatch(/Z$/);
    expect((await test.get(`/task/${created.body.task_id}`)).body.status).toBe("completed");
    expect((await test.post(`/task/${created.body.task_id}/cancel`)).status).toBe(400);
    const text = await test.post("/task/textcollection", {
      attachments: [{ type: "text", content: "hello" }],
      fields: [{ field_id: "summary", type: "text", title: "Summary" }],
    });
    expect(text.body.status).toBe("completed");
    expect(text.body.response.annotations).toHaveProperty("summary");
    expect((await scale.get(`/task/${created.body.task_id}`)).status).toBe(404);
    expect((await test.get("/projects/kittens")).status).toBe(404);
    expect((await test.get("/tasks")).body.total).toBe(2);
  });
});
