import { GeometriesSchema } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { newUuid, toolsFor } from "./tools";

describe("tools", () => {
  it("offers select, pan and a tool per enabled geometry", () => {
    const geometries = GeometriesSchema.parse({
      cuboid: { objects_to_annotate: ["car"] },
      box: { objects_to_annotate: ["car"] },
    });
    expect(toolsFor(geometries)).toEqual(["select", "pan", "box", "cuboid"]);
  });

  it("makes distinct v4 uuids", () => {
    const ids = new Set(Array.from({ length: 50 }, newUuid));
    expect(ids.size).toBe(50);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});
