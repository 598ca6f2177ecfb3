import { validateResponse } from "@taskforge/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createTenant, createTestDatabase } from "../test/harness";
import type { TestDatabase, TestTenant } from "../test/harness";
import { scaleClient, startRestServer } from "../test/rest-server";

let db: TestDatabase;
let acme: TestTenant;
let server: Awaited<ReturnType<typeof startRestServer>>;
beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  server = await startRestServer({ db });
});
afterAll(async () => {
  await server.close();
  await db.close();
});

const COWS = "http://i.imgur.com/v4cBreD.jpg";
const CALLBACK = "http://www.example.com/callback";

// The bodies Scale's Python SDK test suite (scaleapi 2.18) posts for the legacy image types,
// plus the point and 2D-cuboid types its TaskType names, posted the same way.
const SDK_BODIES = {
  annotation: {
    callback_url: CALLBACK,
    instruction: "Draw a box around each **baby cow** and **big cow**",
    attachment_type: "image",
    attachment: COWS,
    min_width: "30",
    min_height: "30",
    objects_to_annotate: ["baby cow", "big cow"],
    with_labels: true,
  },
  polygonannotation: {
    callback_url: CALLBACK,
    instruction: "Draw a tight shape around the big cow",
    attachment_type: "image",
    attachment: COWS,
    objects_to_annotate: ["big cow"],
    with_labels: true,
  },
  lineannotation: {
    callback_url: CALLBACK,
    instruction: "Draw a tight shape around the big cow",
    attachment_type: "image",
    attachment: COWS,
    objects_to_annotate: ["big cow"],
    with_labels: true,
  },
  pointannotation: {
    callback_url: CALLBACK,
    instruction: "Put a point on each cow's nose",
    attachment_type: "image",
    attachment: COWS,
    objects_to_annotate: ["nose"],
    with_labels: true,
  },
  cuboidannotation: {
    callback_url: CALLBACK,
    instruction: "Draw a cuboid around each car",
    attachment_type: "image",
    attachment: COWS,
    objects_to_annotate: ["car"],
    min_width: 10,
    min_height: 10,
  },
} as const;

/** The fields each type's legacy annotation carries, besides uuid and label. */
const GEOMETRY_KEYS = {
  annotation: ["height", "left", "top", "width"],
  polygonannotation: ["vertices"],
  lineannotation: ["vertices"],
  pointannotation: ["x", "y"],
  cuboidannotation: ["vertices"],
};

describe("the legacy image types over REST, as Scale's SDKs post them", () => {
  it.each(Object.entries(SDK_BODIES))(
    "creates a %s task in test mode, completed with a legacy-shaped placeholder",
    async (type, body) => {
      const test = scaleClient(server.baseUrl, acme.test.key);
      const created = await test.post(`/task/${type}`, body);
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({
        type,
        status: "completed",
        instruction: body.instruction,
        callback_url: CALLBACK,
        params: {
          attachment: COWS,
          attachment_type: "image",
          objects_to_annotate: body.objects_to_annotate,
        },
      });
      expect(validateResponse(type, created.body.params, created.body.response)).toMatchObject({
        success: true,
      });
      const [annotation] = created.body.response.annotations;
      const keys = Object.keys(annotation).filter((key) => key !== "uuid" && key !== "label");
      expect(keys.sort()).toEqual(GEOMETRY_KEYS[type as keyof typeof GEOMETRY_KEYS]);
      expect(annotation).not.toHaveProperty("type");
      // with_labels asks for each annotation's label; without it (cuboid above) there is none.
      expect("label" in annotation).toBe("with_labels" in body);

      const fetched = await test.get(`/task/${created.body.task_id}`);
      expect(fetched.body).toMatchObject({ type, response: created.body.response });
    },
  );

  it("stores the old SDKs' string sizes as numbers", async () => {
    const created = await scaleClient(server.baseUrl, acme.live.key).post(
      "/task/annotation",
      SDK_BODIES.annotation,
    );
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: "pending",
      params: { min_width: 30, min_height: 30, with_labels: true },
    });
  });

  it.each(Object.keys(SDK_BODIES))(
    "refuses a %s task without an attachment, as the SDK's fail test expects",
    async (type) => {
      const live = scaleClient(server.baseUrl, acme.live.key);
      const refused = await live.post(`/task/${type}`, {
        callback_url: CALLBACK,
        instruction: "Draw a box around each **baby cow** and **big cow**",
        attachment_type: "image",
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toContain("attachment");
    },
  );

  it("names the field of a param Scale refuses", async () => {
    const live = scaleClient(server.baseUrl, acme.live.key);
    const refused = await live.post("/task/polygonannotation", {
      ...SDK_BODIES.polygonannotation,
      min_vertices: 6,
      max_vertices: 4,
      layers: { boxes: [{ left: 0, top: 0, width: 0, height: 5 }] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain("params.layers.boxes[0].width");
    const limits = await live.post("/task/polygonannotation", {
      ...SDK_BODIES.polygonannotation,
      min_vertices: 6,
      max_vertices: 4,
    });
    expect(limits.status).toBe(400);
    expect(limits.body.error).toContain("params.min_vertices");
  });
});
