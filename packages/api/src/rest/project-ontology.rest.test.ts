import { afterAll, beforeAll, describe, expect, it } from "vitest";

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
  await scale.post("/projects", {
    type: "textcollection",
    name: "chat/1",
    params: {
      instruction: "Write a reply.",
      fields: [{ type: "text", field_id: "reply", title: "Reply" }],
    },
  });
});
afterAll(async () => {
  await server.close();
  await db.close();
});

const project = `/projects/${encodeURIComponent("chat/1")}`;

describe("POST /v1/projects/{name}/setOntology", () => {
  it("stores the ontology as a new params version, returned by get project", async () => {
    const ontology = [
      "cat",
      { choice: "dog", description: "Any dog", subchoices: ["puppy", { choice: "adult" }] },
    ];
    const set = await scale.post(`${project}/setOntology`, { ontology, name: "animals" });
    expect(set.status).toBe(200);
    const { body } = await scale.get(project);
    expect(body.ontology).toEqual(ontology);
    expect(body.param_history).toHaveLength(2);
    expect(body.param_history[0]).not.toHaveProperty("ontology");
    expect(body.param_history[1]).toMatchObject({
      version: 1,
      instruction: "Write a reply.",
      ontology,
      ontology_name: "animals",
      fields: [{ field_id: "reply" }],
    });
    // A later one replaces it in a further version; the earlier version keeps its own.
    await scale.post(`${project}/setOntology`, { ontology: ["bird"] });
    const later = (await scale.get(project)).body;
    expect(later.ontology).toEqual(["bird"]);
    expect(later.param_history[1].ontology).toEqual(ontology);
  });

  it("names the field of bad input and is 404 for an unknown project", async () => {
    const bad = async (body: unknown, field: string) => {
      const response = await scale.post(`${project}/setOntology`, body);
      expect(response.status).toBe(400);
      expect(response.body.error).toContain(field);
    };
    await bad({}, "ontology");
    await bad({ ontology: [] }, "ontology");
    await bad({ ontology: [{ description: "no choice" }] }, "ontology[0]");
    await bad({ ontology: ["a", 3] }, "ontology[1]");
    await bad({ ontology: ["a"], extra: true }, "extra");
    expect((await scale.post("/projects/nope/setOntology", { ontology: ["a"] })).status).toBe(404);
  });
});

describe("GET /v1/projects/{name}/taskTemplates", () => {
  it("answers the latest params version with the keys Scale's Python SDK reads", async () => {
    const { status, body } = await scale.get(`${project}/taskTemplates`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      project: "chat/1",
      version: 2,
      template_variables: { instruction: "Write a reply.", ontology: ["bird"] },
    });
    expect(typeof body.id).toBe("string");
    expect(Date.parse(body.updated_at)).toBeGreaterThanOrEqual(Date.parse(body.created_at));
  });

  it("has version null before any params, and is 404 for an unknown project", async () => {
    await scale.post("/projects", { type: "categorization", name: "bare", params: null });
    const { body } = await scale.get("/projects/bare/taskTemplates");
    expect(body).toMatchObject({ project: "bare", version: null, template_variables: {} });
    expect((await scale.get("/projects/nope/taskTemplates")).status).toBe(404);
  });
});
