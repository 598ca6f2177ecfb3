import { describe, expect, it } from "vitest";

import { readLocalDraft, removeLocalDraft, startingValue, writeLocalDraft } from "./local-draft";

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
};

describe("the local draft copy", () => {
  it("round-trips per assignment and ignores what it did not write", () => {
    const storage = memoryStorage();
    const draft = { value: { category: "cat" }, changedAt: 5, synced: false };
    writeLocalDraft(storage, "a1", draft);
    expect(readLocalDraft(storage, "a1")).toEqual(draft);
    expect(readLocalDraft(storage, "a2")).toBeNull();
    storage.setItem("taskforge.draft.a3", "{not json");
    expect(readLocalDraft(storage, "a3")).toBeNull();
    storage.setItem("taskforge.draft.a4", JSON.stringify({ value: [1], changedAt: 1 }));
    expect(readLocalDraft(storage, "a4")).toBeNull();
    removeLocalDraft(storage, "a1");
    expect(readLocalDraft(storage, "a1")).toBeNull();
  });
});

describe("startingValue", () => {
  const initial = () => ({ annotations: [] });
  const server = (draft: Record<string, unknown> | null, savedAt: string | null) => ({
    draft,
    savedAt,
  });

  it("takes a local change the server never confirmed, even if the server's is later", () => {
    const local = { value: { category: "dog" }, changedAt: 1000, synced: false };
    expect(
      startingValue(local, server({ category: "cat" }, "2030-01-01T00:00:00.000Z"), initial),
    ).toEqual({ value: { category: "dog" }, unsynced: true });
  });

  it("takes the later of two confirmed copies", () => {
    const local = {
      value: { category: "dog" },
      changedAt: Date.parse("2026-01-01T00:00:02Z"),
      synced: true,
    };
    expect(
      startingValue(local, server({ category: "cat" }, "2026-01-01T00:00:01Z"), initial).value,
    ).toEqual({
      category: "dog",
    });
    expect(
      startingValue(local, server({ category: "cat" }, "2026-01-01T00:00:03Z"), initial).value,
    ).toEqual({
      category: "cat",
    });
  });

  it("falls back to the server draft, then to the type's initial value", () => {
    expect(
      startingValue(null, server({ category: "cat" }, "2026-01-01T00:00:00Z"), initial),
    ).toEqual({
      value: { category: "cat" },
      unsynced: false,
    });
    expect(startingValue(null, server(null, null), initial)).toEqual({
      value: { annotations: [] },
      unsynced: false,
    });
  });
});
