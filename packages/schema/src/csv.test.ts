import { describe, expect, it } from "vitest";

import { csvField } from "./csv";

describe("csvField", () => {
  it("prefixes and quotes text a spreadsheet would run as a formula", () => {
    expect(csvField("=1+1")).toBe(`"'=1+1"`);
    expect(csvField("+1")).toBe(`"'+1"`);
    expect(csvField("-1")).toBe(`"'-1"`);
    expect(csvField("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvField("\tx")).toBe(`"'\tx"`);
    expect(csvField("\rx")).toBe(`"'\rx"`);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it("leaves other text as it is, quoting only commas, quotes and line breaks", () => {
    expect(csvField("a - b = c")).toBe("a - b = c");
    expect(csvField("")).toBe("");
    expect(csvField('say "hi", then\nleave')).toBe(`"say ""hi"", then\nleave"`);
  });
});
