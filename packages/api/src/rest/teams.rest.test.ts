import type { MemberRole } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { displayPrefixOf, generateApiKey, hashApiKey } from "../api-keys";
import { createMember, createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { scaleClient, startRestServer } from "../test/rest-server";

let db: TestDatabase;
let acme: TestTenant;
let globex: TestTenant;
let server: Awaited<ReturnType<typeof startRestServer>>;
let scale: ReturnType<typeof scaleClient>;
let owner: Awaited<ReturnType<typeof createMember>>;

/** A client with a live key made by a new member of `organizationId` holding `roles`. */
const memberClient = async (organizationId: string, roles: MemberRole[]) => {
  const member = await createMember(db, organizationId, roles);
  const key = generateApiKey("live");
  await db.prisma.apiKey.create({
    data: {
      organizationId,
      mode: "live",
      keyHash: hashApiKey(key),
      displayPrefix: displayPrefixOf(key),
      createdById: member.userId,
      roles,
    },
  });
  return { member, client: scaleClient(server.baseUrl, key) };
};

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  globex = await createTenant(db, "Globex");
  server = await startRestServer({ db });
  scale = scaleClient(server.baseUrl, acme.live.key);
  owner = await createMember(db, acme.organizationId, ["owner"]);
});
afterAll(async () => {
  await server.close();
  await db.close();
});

const roleOf = (team: { email: string; role: string }[], email: string) =>
  team.find((teammate) => teammate.email === email)?.role;

describe("GET /v1/teams", () => {
  it("lists members with Scale's team role and the organization roles", async () => {
    const labeler = await createMember(db, acme.organizationId, ["annotator"]);
    const { status, body } = await scale.get("/teams");
    expect(status).toBe(200);
    expect(body).toEqual(
      expect.arrayContaining([
        { email: owner.email, role: "admin", roles: ["owner"] },
        { email: labeler.email, role: "labeler", roles: ["annotator"] },
      ]),
    );
    const viewer = await memberClient(acme.organizationId, ["viewer"]);
    expect((await viewer.client.get("/teams")).status).toBe(200);
  });
});

describe("POST /v1/teams/invite", () => {
  it("invites with the mapped roles and answers the whole team, new invitations with a join link", async () => {
    // invite_teammates(["new@…"], TeammateRole.Member)
    const { status, body } = await scale.post("/teams/invite", {
      emails: ["New.Person@Example.com", "second@example.com"],
      team_role: "member",
    });
    expect(status).toBe(200);
    const invited = body.find((t: { email: string }) => t.email === "new.person@example.com");
    expect(invited).toMatchObject({ role: "member", roles: ["annotator", "reviewer"] });
    expect(invited.expiry).toMatch(/^\d{4}-/);
    expect(invited.invite_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/join\/.+/);
    expect(roleOf(body, owner.email)).toBe("admin");
    const rows = await db.prisma.invitation.findMany({
      where: { organizationId: acme.organizationId, email: "second@example.com" },
    });
    expect(rows.map((row) => row.roles)).toEqual([["annotator", "reviewer"]]);
    const team = (await scale.get("/teams")).body;
    expect(roleOf(team, "second@example.com")).toBe("member");
    expect(team.every((t: object) => !("invite_url" in t))).toBe(true);
  });

  it("refuses a member's address with 409 and invites nobody", async () => {
    const before = await db.prisma.invitation.count();
    const { status, body } = await scale.post("/teams/invite", {
      emails: ["fresh@example.com", owner.email],
      team_role: "labeler",
    });
    expect(status).toBe(409);
    expect(body.error).toContain(owner.email);
    expect(await db.prisma.invitation.count()).toBe(before);
  });

  it("names the field of bad input", async () => {
    const bad = async (body: unknown, field: string) => {
      const response = await scale.post("/teams/invite", body);
      expect(response.status).toBe(400);
      expect(response.body.error).toContain(field);
    };
    await bad({ emails: ["a@example.com"], team_role: "owner" }, "team_role");
    await bad({ emails: ["not an email"], team_role: "member" }, "emails[0]");
    await bad({ emails: [], team_role: "member" }, "emails");
    await bad({ team_role: "member" }, "emails");
  });

  it("is refused to managers and test keys", async () => {
    const manager = await memberClient(acme.organizationId, ["manager"]);
    const body = { emails: ["x@example.com"], team_role: "labeler" };
    expect((await manager.client.post("/teams/invite", body)).status).toBe(403);
    const testKey = scaleClient(server.baseUrl, acme.test.key);
    expect((await testKey.post("/teams/invite", body)).status).toBe(403);
  });
});

describe("POST /v1/teams/set_role", () => {
  it("sets the mapped roles and answers the changed teammates", async () => {
    const a = await createMember(db, acme.organizationId, ["annotator"]);
    const b = await createMember(db, acme.organizationId, ["viewer"]);
    const { status, body } = await scale.post("/teams/set_role", {
      emails: [a.email, b.email],
      team_role: "manager",
    });
    expect(status).toBe(200);
    expect(body).toEqual([
      { email: a.email, role: "manager", roles: ["manager"] },
      { email: b.email, role: "manager", roles: ["manager"] },
    ]);
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: b.userId } });
    expect(row.orgRoles).toEqual(["manager"]);
  });

  it("keeps an owner made admin an owner, and keeps the organization's last owner", async () => {
    const made = await scale.post("/teams/set_role", { emails: [owner.email], team_role: "admin" });
    expect(made.body).toEqual([{ email: owner.email, role: "admin", roles: ["owner", "admin"] }]);
    const demoted = await scale.post("/teams/set_role", {
      emails: [owner.email],
      team_role: "manager",
    });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error).toContain("owner");
  });

  it("lets an admin change no owner, and is 404 for another organization's member", async () => {
    const admin = await memberClient(acme.organizationId, ["admin"]);
    const asAdmin = await admin.client.post("/teams/set_role", {
      emails: [owner.email],
      team_role: "labeler",
    });
    expect(asAdmin.status).toBe(403);
    const stranger = await createMember(db, globex.organizationId, ["annotator"]);
    const foreign = await scale.post("/teams/set_role", {
      emails: [stranger.email],
      team_role: "manager",
    });
    expect(foreign.status).toBe(404);
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: stranger.userId } });
    expect(row.orgRoles).toEqual(["annotator"]);
  });

  it("names the field of bad input", async () => {
    const response = await scale.post("/teams/set_role", { emails: [owner.email], team_role: 3 });
    expect(response.status).toBe(400);
    expect(response.body.error).toContain("team_role");
  });
});
