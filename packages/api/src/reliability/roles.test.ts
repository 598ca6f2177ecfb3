import { hasPermission, MEMBER_ROLES, PERMISSIONS, TASK_TYPE_IDS } from "@taskforge/schema";
import type { MemberRole, Permission } from "@taskforge/schema";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { displayPrefixOf, findApiKey, generateApiKey, hashApiKey } from "../api-keys";
import type { KeyMode } from "../api-keys";
import { createInnerContext } from "../context";
import type { Context } from "../context";
import { createRestHandler, restRoutes } from "../rest/handler";
import { callOperation } from "../rest/operations";
import type { OperationPath } from "../rest/operations";
import { appRouter, createCaller } from "../routers/root";
import { streamRouter } from "../routers/streams/router";
import { loadUserById } from "../services/accounts";
import { expectTRPCError } from "../test/expect-error";
import { createTestDatabase } from "../test/harness";
import type { TestDatabase } from "../test/harness";
import type { Access } from "../trpc";

/**
 * Who may call each procedure. A procedure missing here, or declaring another rule, fails the
 * first test: adding a procedure means deciding its rule.
 */
const PROCEDURE_ACCESS: Record<string, Access> = {
  "account.signUp": "public",
  "account.describeInvitation": "public",
  "account.me": "signed_in",
  "account.changePassword": "signed_in",
  "account.createOrganization": "signed_in",
  "account.acceptInvitation": "signed_in",
  "admin.organizations": "platform_admin",
  "admin.queueHealth": "platform_admin",
  "admin.projects": "platform_admin",
  "admin.setWorkerRoles": "platform_admin",
  "apiKeys.list": "use_api",
  "apiKeys.create": "use_api",
  "apiKeys.revoke": "use_api",
  "members.list": "read",
  "members.setRoles": "manage_organization",
  "members.remove": "manage_organization",
  "members.invitations": "manage_organization",
  "members.invite": "manage_organization",
  "members.revokeInvitation": "manage_organization",
  "batches.create": "manage_work",
  "batches.list": "read",
  "batches.get": "read",
  "batches.status": "read",
  "batches.finalize": "manage_work",
  "batches.setMetadata": "manage_work",
  "batches.prioritize": "manage_work",
  "batches.taskCounts": "read",
  "callbacks.list": "read",
  "callbacks.resend": "manage_work",
  "callbacks.retry": "manage_work",
  "callbacks.replay": "manage_work",
  "callbacks.settings": "manage_organization",
  "callbacks.setDefaultUrl": "manage_organization",
  "callbacks.rotateSecret": "manage_organization",
  "exports.create": "manage_work",
  "exports.get": "read",
  "exports.list": "read",
  "imports.get": "read",
  "imports.list": "read",
  "imports.errors": "read",
  "files.get": "read",
  "files.import": "manage_work",
  "files.signedUrl": "read",
  "files.resolve": "read",
  "projects.create": "manage_work",
  "projects.list": "read",
  "projects.get": "read",
  "projects.setParams": "manage_work",
  "projects.setSettings": "manage_work",
  "projects.setOntology": "manage_work",
  "projects.taskTemplate": "read",
  "projects.taskCounts": "read",
  "tasks.create": "manage_work",
  "tasks.createMany": "manage_work",
  "tasks.createManyIds": "manage_work",
  "tasks.get": "read",
  "tasks.getMany": "read",
  "tasks.list": "read",
  "tasks.listLimited": "read",
  "tasks.cancel": "manage_work",
  "tasks.cancelMany": "manage_work",
  "tasks.setMetadata": "manage_work",
  "tasks.setTags": "manage_work",
  "tasks.addTags": "manage_work",
  "tasks.addTagsMany": "manage_work",
  "tasks.removeTags": "manage_work",
  "tasks.setUniqueId": "manage_work",
  "tasks.clearUniqueId": "manage_work",
  "tasks.audit": "manage_work",
  "tasks.fix": "manage_work",
  "tasks.history": "read",
  "tasks.responseFile": "read",
  "quality.createEvaluationTask": "manage_work",
  "quality.createTrainingTask": "manage_work",
  "teams.list": "read",
  "teams.invite": "manage_organization",
  "teams.setRole": "manage_organization",
  "staffing.project": "manage_work",
  "staffing.pick": "manage_work",
  "staffing.unpick": "manage_work",
  "staffing.stuck": "read",
  "staffing.requeue": "manage_work",
  "studio.assignments": "manage_work",
  "studio.addAssignments": "manage_work",
  "studio.removeAssignments": "manage_work",
  "studio.groups": "manage_work",
  "studio.createGroup": "manage_work",
  "studio.updateGroup": "manage_work",
  "studio.batches": "read",
  "studio.assignBatch": "manage_work",
  "studio.setPriorities": "manage_work",
  "studio.resetPriorities": "manage_work",
  "work.next": "worker",
  "work.current": "worker",
  "work.heartbeat": "worker",
  "work.saveDraft": "worker",
  "work.submit": "worker",
  "work.skip": "worker",
  "work.release": "worker",
  "work.report": "worker",
  "work.review": "worker",
  "work.stats": "worker",
  "work.practice": "worker",
  "work.practiceSubmit": "worker",
  "workforce.list": "platform_admin",
  "workforce.grant": "platform_admin",
  "workforce.revoke": "platform_admin",
  // Bytes in or out: called in-process by the REST facade and the web app's route handlers.
  "imports.start": "manage_work",
  "imports.errorReport": "read",
  "exports.download": "read",
  "projects.uploadMedia": "manage_work",
  "files.upload": "manage_work",
};

/** The same for the Scale REST facade, by method and path. */
const REST_ACCESS: Record<string, Permission> = Object.fromEntries([
  ...[...TASK_TYPE_IDS, ":type"].map((type) => [`POST /task/${type}`, "manage_work"]),
  ["GET /task/:task_id", "read"],
  ["GET /task/:task_id/history", "read"],
  ["GET /tasks", "read"],
  ["POST /task/:task_id/cancel", "manage_work"],
  ["POST /task/:task_id/setMetadata", "manage_work"],
  ["POST /task/:task_id/tags", "manage_work"],
  ["PUT /task/:task_id/tags", "manage_work"],
  ["DELETE /task/:task_id/tags", "manage_work"],
  ["POST /task/:task_id/unique_id", "manage_work"],
  ["DELETE /task/:task_id/unique_id", "manage_work"],
  ["POST /task/:task_id/audit", "manage_work"],
  ["POST /projects", "manage_work"],
  ["GET /projects", "read"],
  ["GET /projects/:name", "read"],
  ["POST /projects/:name/media", "manage_work"],
  ["POST /projects/:name/setParams", "manage_work"],
  ["POST /projects/:name/setSettings", "manage_work"],
  ["POST /projects/:name/setOntology", "manage_work"],
  ["GET /projects/:name/taskTemplates", "read"],
  ["POST /batches", "manage_work"],
  ["GET /batches", "read"],
  ["GET /batches/:name", "read"],
  ["GET /batches/:name/status", "read"],
  ["POST /batches/:name/finalize", "manage_work"],
  ["POST /batches/:name/setMetadata", "manage_work"],
  ["POST /batches/:name/prioritize", "manage_work"],
  ["POST /task/:task_id/send_callback", "manage_work"],
  ["GET /task/:task_id/callbacks", "read"],
  ["POST /callbacks/replay", "manage_work"],
  ["POST /exports", "manage_work"],
  ["GET /exports/:id", "read"],
  ["GET /exports/:id/download", "read"],
  ["POST /imports", "manage_work"],
  ["GET /imports", "read"],
  ["GET /imports/:id", "read"],
  ["GET /imports/:id/errors", "read"],
  ["POST /files/upload", "manage_work"],
  ["POST /files/import", "manage_work"],
  ["GET /files/:id", "read"],
  ["GET /teams", "read"],
  ["POST /teams/invite", "manage_organization"],
  ["POST /teams/set_role", "manage_organization"],
  ["POST /evaluation_tasks/:type", "manage_work"],
  ["POST /training_tasks/:type", "manage_work"],
  ["GET /task/:task_id/response_url/:uuid", "read"],
  ["GET /studio/assignments", "manage_work"],
  ["POST /studio/assignments/add", "manage_work"],
  ["POST /studio/assignments/remove", "manage_work"],
  ["GET /studio/projects/:project/groups", "manage_work"],
  ["POST /studio/projects/:project/groups", "manage_work"],
  ["PUT /studio/projects/:project/groups/:group", "manage_work"],
  ["GET /studio/batches", "read"],
  ["PUT /studio/batches/:batch", "manage_work"],
  ["POST /studio/batches/set_priorities", "manage_work"],
  ["POST /studio/batches/reset_priorities", "manage_work"],
]);

type AnyProcedure = {
  _def: { type: "query" | "mutation"; meta?: { access?: Access } };
  (opts: unknown): Promise<unknown>;
};
const procedures = [appRouter, streamRouter].flatMap((router) =>
  Object.entries(
    (router as unknown as { _def: { procedures: Record<string, AnyProcedure> } })._def.procedures,
  ),
);

let db: TestDatabase;
let organizationId: string;
let counter = 0;
beforeAll(async () => {
  db = await createTestDatabase();
  organizationId = (await db.prisma.organization.create({ data: { name: "Roles" } })).id;
});
afterAll(async () => {
  await db.close();
});

const memberWith = async (roles: MemberRole[], org = organizationId) =>
  db.prisma.user.create({
    data: { email: `member-${++counter}@roles.test`, organizationId: org, orgRoles: roles },
  });

const sessionContext = async (userId: string, mode: "live" | "test" = "live") =>
  createInnerContext({ db, user: await loadUserById(db, userId), mode });

const sessionOf = async (userId: string, mode: "live" | "test" = "live") =>
  createCaller(await sessionContext(userId, mode));

/** Calls any operation (of `appRouter` or `streamRouter`) with no input: the tRPC code or "OK". */
const operationOutcome = async (ctx: Context, name: string): Promise<string> => {
  try {
    await callOperation(ctx, name as OperationPath, () => Promise.resolve(undefined));
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
};

/** A key as the dashboard makes it: owned by `creator`, acting with `roles`. */
const keyOf = async (creatorId: string | null, roles: MemberRole[], mode: KeyMode = "live") => {
  const key = generateApiKey(mode);
  await db.prisma.apiKey.create({
    data: {
      organizationId,
      mode,
      keyHash: hashApiKey(key),
      displayPrefix: displayPrefixOf(key),
      createdById: creatorId,
      roles,
    },
  });
  return key;
};

const keyCaller = async (key: string) =>
  createCaller(createInnerContext({ db, caller: await findApiKey(db.prisma, key) }));

/** Calls a procedure by its dotted name with `input`, answering the tRPC error code or "OK". */
const outcome = async (
  api: ReturnType<typeof createCaller>,
  name: string,
  input: unknown,
): Promise<string> => {
  const [namespace, procedure] = name.split(".") as [string, string];
  const call = (api as unknown as Record<string, Record<string, (input: unknown) => unknown>>)[
    namespace
  ]?.[procedure];
  if (!call) throw new Error(`no procedure ${name}`);
  try {
    await call(input);
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
};

const rest = () => createRestHandler({ db });
const restCall = (key: string, method: string, path: string) =>
  rest()(
    new Request(`http://localhost/v1${path.replace(/:[a-z_]+/g, "x")}`, {
      method,
      headers: {
        authorization: `Bearer ${key}`,
        ...(method === "GET" ? {} : { "content-type": "application/json" }),
      },
      ...(method === "GET" ? {} : { body: "{}" }),
    }),
  );

/** What each role may do, written out: a change to the permission map must change this too. */
const ROLE_PERMISSIONS: Record<MemberRole, Permission[]> = {
  owner: ["read", "manage_work", "use_api", "manage_organization"],
  admin: ["read", "manage_work", "use_api", "manage_organization"],
  manager: ["read", "manage_work", "use_api"],
  annotator: ["read", "annotate"],
  reviewer: ["read", "review"],
  viewer: ["read"],
};

describe("every operation declares who may call it", () => {
  it("grants each role exactly the permissions of the table", () => {
    const granted = Object.fromEntries(
      MEMBER_ROLES.map((role) => [
        role,
        (Object.keys(PERMISSIONS) as Permission[]).filter((p) => hasPermission([role], p)),
      ]),
    );
    expect(granted).toEqual(ROLE_PERMISSIONS);
  });

  it("has the rule of the table for every tRPC procedure, and no procedure without one", () => {
    const declared = Object.fromEntries(
      procedures.map(([name, procedure]) => [name, procedure._def.meta?.access ?? "(none)"]),
    );
    expect(declared).toEqual(PROCEDURE_ACCESS);
  });

  it("has the rule of the table for every REST route", () => {
    const declared = Object.fromEntries(
      restRoutes.map((route) => [`${route.method} ${route.path}`, route.access]),
    );
    expect(declared).toEqual(REST_ACCESS);
  });
});

describe.each(MEMBER_ROLES)("a member who is only %s", (role) => {
  it("gets 403 on exactly the procedures their role does not allow", async () => {
    const ctx = await sessionContext((await memberWith([role])).id);
    const wrong: string[] = [];
    for (const [name, procedure] of procedures) {
      const access = procedure._def.meta?.access;
      if (!access || access === "public" || access === "worker") continue;
      const allowed =
        access === "signed_in"
          ? true
          : access === "platform_admin"
            ? false
            : hasPermission([role], access);
      // No input: a denied call is refused before its input is read, an allowed one fails on it
      // (or answers, for reads without input) but never with FORBIDDEN.
      const code = await operationOutcome(ctx, name);
      if ((code === "FORBIDDEN") === allowed) wrong.push(`${name}: ${code}`);
    }
    expect(wrong).toEqual([]);
  });

  it("claims work only as an annotator or reviewer", async () => {
    const api = await sessionOf((await memberWith([role])).id);
    for (const kind of ["annotate", "review"] as const) {
      const code = await outcome(api, "work.next", { kind, base_url: "http://localhost" });
      const allowed = role === (kind === "annotate" ? "annotator" : "reviewer");
      expect({ kind, code }).toEqual({ kind, code: allowed ? "OK" : "FORBIDDEN" });
    }
  });

  it("gets 403 from the REST API with a key of that role on exactly what the role does not allow", async () => {
    const member = await memberWith([role]);
    const key = await keyOf(member.id, [role]);
    const wrong: string[] = [];
    for (const route of restRoutes) {
      const response = await restCall(key, route.method, route.path);
      const allowed = hasPermission([role], route.access);
      if ((response.status === 403) === allowed)
        wrong.push(`${route.method} ${route.path}: ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("no credential raises its roles", () => {
  it("makes keys no wider than their creator", async () => {
    const manager = await sessionOf((await memberWith(["manager"])).id);
    await expectTRPCError(
      manager.apiKeys.create({ name: "wide", mode: "live", roles: ["owner"] }),
      "FORBIDDEN",
    );
    const { api_key, key } = await manager.apiKeys.create({ name: "mine", mode: "live" });
    expect(api_key.roles).toEqual(["manager"]);
    const viaKey = await keyCaller(key);
    await expectTRPCError(viaKey.callbacks.settings(), "FORBIDDEN");
    await expectTRPCError(
      viaKey.callbacks.setDefaultUrl({ default_callback_url: "https://example.com/hook" }),
      "FORBIDDEN",
    );
    await expect(viaKey.projects.list({})).resolves.toBeInstanceOf(Array);
  });

  it("lets only owners and admins, by session or live key, read or change the callback settings", async () => {
    const owner = await memberWith(["owner"]);
    await expect((await sessionOf(owner.id)).callbacks.settings()).resolves.toHaveProperty(
      "secrets",
    );
    const liveKey = await keyCaller(await keyOf(owner.id, ["owner"], "live"));
    await expect(liveKey.callbacks.settings()).resolves.toHaveProperty("secrets");
    // Test keys never see the secrets, which sign live callbacks too.
    const testKey = await keyCaller(await keyOf(owner.id, ["owner"], "test"));
    await expectTRPCError(testKey.callbacks.settings(), "FORBIDDEN");
    await expectTRPCError(testKey.callbacks.rotateSecret({ overlap_seconds: 0 }), "FORBIDDEN");
    const manager = await sessionOf((await memberWith(["manager", "annotator"])).id);
    await expectTRPCError(manager.callbacks.settings(), "FORBIDDEN");
    await expectTRPCError(manager.callbacks.rotateSecret({ overlap_seconds: 0 }), "FORBIDDEN");
  });

  it("keeps admins from making owners or changing an owner, and members from changing themselves", async () => {
    await memberWith(["owner"]);
    const owner = await memberWith(["owner"]);
    const admin = await memberWith(["admin"]);
    const annotator = await memberWith(["annotator"]);
    const asAdmin = await sessionOf(admin.id);
    await expectTRPCError(
      asAdmin.members.setRoles({ id: admin.id, roles: ["owner"] }),
      "FORBIDDEN",
    );
    await expectTRPCError(
      asAdmin.members.setRoles({ id: owner.id, roles: ["viewer"] }),
      "FORBIDDEN",
    );
    await expectTRPCError(asAdmin.members.remove({ id: owner.id }), "FORBIDDEN");
    await expectTRPCError(asAdmin.members.invite({ roles: ["owner"] }), "FORBIDDEN");
    await asAdmin.members.setRoles({ id: annotator.id, roles: ["annotator", "reviewer"] });
    const asAnnotator = await sessionOf(annotator.id);
    await expectTRPCError(
      asAnnotator.members.setRoles({ id: annotator.id, roles: ["owner"] }),
      "FORBIDDEN",
    );
    expect((await loadUserById(db, annotator.id))?.organization?.roles).toEqual([
      "annotator",
      "reviewer",
    ]);
  });

  it("stops a removed member's session and keys at once, and narrows a demoted member's keys", async () => {
    const owner = await sessionOf((await memberWith(["owner"])).id);
    const leaver = await memberWith(["manager"]);
    const leaverKey = await keyOf(leaver.id, ["manager"]);
    expect((await restCall(leaverKey, "GET", "/tasks")).status).toBe(200);
    await owner.members.remove({ id: leaver.id });
    expect((await restCall(leaverKey, "GET", "/tasks")).status).toBe(401);
    await expectTRPCError((await sessionOf(leaver.id)).tasks.list({}), "FORBIDDEN");

    const demoted = await memberWith(["manager", "viewer"]);
    const demotedKey = await keyOf(demoted.id, ["manager", "viewer"]);
    const create = () =>
      rest()(
        new Request("http://localhost/v1/task/categorization", {
          method: "POST",
          headers: { authorization: `Bearer ${demotedKey}`, "content-type": "application/json" },
          body: JSON.stringify({
            attachment_type: "text",
            attachment: "x",
            categories: ["a", "b"],
          }),
        }),
      );
    expect((await create()).status).toBe(200);
    await owner.members.setRoles({ id: demoted.id, roles: ["viewer"] });
    expect((await create()).status).toBe(403);
    expect((await restCall(demotedKey, "GET", "/tasks")).status).toBe(200);
    await owner.members.setRoles({ id: demoted.id, roles: ["annotator"] });
    // Nothing of the key's roles is left: it no longer works at all.
    expect((await restCall(demotedKey, "GET", "/tasks")).status).toBe(401);
  });

  it("denies another organization's member with 404, not 403", async () => {
    const other = await db.prisma.organization.create({ data: { name: "Other" } });
    const outsider = await sessionOf((await memberWith(["owner"], other.id)).id);
    const member = await memberWith(["annotator"]);
    await expectTRPCError(
      outsider.members.setRoles({ id: member.id, roles: ["viewer"] }),
      "NOT_FOUND",
    );
    await expectTRPCError(outsider.members.remove({ id: member.id }), "NOT_FOUND");
  });
});
