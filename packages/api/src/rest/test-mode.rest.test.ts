import { TASK_TYPE_IDS, taskTypes, validateResponse } from "@taskforge/schema";
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

describe("test mode for every task type", () => {
  it.each(TASK_TYPE_IDS)(
    "completes a %s task at once with a placeholder its type accepts",
    async (type) => {
      const example = taskTypes[type].examples[0];
      if (!example) throw new Error(`${type} has no example`);
      const test = scaleClient(server.baseUrl, acme.test.key);
      const created = await test.post(`/task/${type}`, example.params);
      expect(created.status).toBe(200);
      expect(created.body.status).toBe("completed");
      expect(validateResponse(type, created.body.params, created.body.response)).toMatchObject({
        success: true,
      });

      const live = await scaleClient(server.baseUrl, acme.live.key).post(
        `/task/${type}`,
        example.params,
      );
      expect(live.body).toMatchObject({ status: "pending", type });
      expect(live.body).not.toHaveProperty("response");
    },
  );
});
