import { describe, expect, it } from "vitest";

import { decodeListCursor, encodeListCursor } from "./list-cursor";

const cursor = { id: "6526e0b5d5b8d5c0a0f1e2d3", created_at: "2023-10-11T17:49:41.123Z" };

describe("list cursors", () => {
  it("round-trip", () => {
    const token = encodeListCursor(cursor);
    expect(decodeListCursor(token)).toEqual({
      id: cursor.id,
      created_at: new Date(cursor.created_at),
    });
  });

  it("carry a total when given one, and decode tokens without it as before", () => {
    const token = encodeListCursor({ ...cursor, total: 1234 });
    expect(decodeListCursor(token)).toEqual({
      id: cursor.id,
      created_at: new Date(cursor.created_at),
      total: 1234,
    });
    expect(decodeListCursor(encodeListCursor(cursor))).not.toHaveProperty("total");
  });

  it("are base64 of the JSON Scale uses, readable with Node's Buffer too", () => {
    const token = encodeListCursor(cursor);
    expect(token.startsWith("eyJpZCI6I")).toBe(true);
    expect(JSON.parse(Buffer.from(token, "base64").toString("utf8"))).toEqual(cursor);
  });

  it("accept the base64url alphabet, missing padding and spaces for plus signs", () => {
    const token = encodeListCursor(cursor);
    const url = token.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    expect(decodeListCursor(url)?.id).toBe(cursor.id);
    expect(decodeListCursor(token.replace(/\+/g, " "))?.id).toBe(cursor.id);
  });

  it.each([
    "",
    "garbage!!",
    "eyJpZCI6",
    btoa("not json"),
    btoa(JSON.stringify({ id: "nope", created_at: cursor.created_at })),
    btoa(JSON.stringify({ id: cursor.id, created_at: "yesterday" })),
    btoa(JSON.stringify({ id: cursor.id })),
    btoa(JSON.stringify({ ...cursor, total: -1 })),
    btoa(JSON.stringify({ ...cursor, total: 1.5 })),
    btoa(JSON.stringify({ ...cursor, total: "12" })),
    btoa(JSON.stringify([cursor.id, cursor.created_at])),
    btoa("\xff\xfe"),
  ])("decode %j to null", (token) => {
    expect(decodeListCursor(token)).toBeNull();
  });
});
