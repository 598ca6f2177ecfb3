import type { AnyTRPCRouter } from "@trpc/server";
import { describe, expect, it } from "vitest";

import { appRouter } from "./root";

/** Every procedure of the router by its path (`"tasks.get"`), with whether it declares an output. */
const procedures = (appRouter as AnyTRPCRouter)._def.procedures as Record<
  string,
  { _def: { output?: unknown } }
>;

/**
 * Procedures that declare no output schema, on purpose. tRPC parses a declared output on every call;
 * these answer bulk creation (up to 1,000 tasks per call), where parsing every created task again
 * costs more than the rest of the answer. Their services are typed with `CreateTasksResultSchema`
 * and `CreateTaskIdsResultSchema`, so the shape is still declared once in the schema package.
 */
const WITHOUT_OUTPUT = new Set(["tasks.createMany", "tasks.createManyIds"]);

describe("the router", () => {
  it("declares an output schema on every procedure but the allowed bulk ones", () => {
    const missing = Object.entries(procedures)
      .filter(([path, procedure]) => !procedure._def.output && !WITHOUT_OUTPUT.has(path))
      .map(([path]) => path);
    expect(missing).toEqual([]);
  });

  it("allows only procedures that exist", () => {
    expect([...WITHOUT_OUTPUT].filter((path) => !procedures[path])).toEqual([]);
  });
});
