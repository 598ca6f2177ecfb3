import { taskTypes } from "@taskforge/schema";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { NamedEntityRecognitionEditor } from "./editor";

const example = taskTypes.namedentityrecognition.examples[1];
if (!example) throw new Error("missing example");
const params = taskTypes.namedentityrecognition.params.parse(example.params);
const response = example.response as Record<string, unknown>;

const render = (props: Partial<Parameters<typeof NamedEntityRecognitionEditor>[0]> = {}) =>
  renderToStaticMarkup(
    <NamedEntityRecognitionEditor
      params={params}
      value={response}
      onChange={() => undefined}
      issues={[]}
      {...props}
    />,
  );

describe("NamedEntityRecognitionEditor on the server", () => {
  it("renders the text in pieces with their offsets, spans marked with their label", () => {
    const html = render();
    expect(html).toContain('data-offset="0" data-entity="p" data-label="person"');
    expect(html).toContain('data-offset="23" data-entity="o" data-label="organization"');
    expect(html).toContain("Add relationship");
    expect(html).toContain("works_for");
  });

  it("shows an issue on the entity it is about", () => {
    const html = render({
      issues: [{ path: ["annotations", 1, "label"], message: "not one of the labels" }],
    });
    expect(html).toMatch(/Problems with “Harvard”.*label: <\/code>not one of the labels/u);
  });

  it("shows no editing controls when read-only", () => {
    const html = render({ readOnly: true });
    expect(html).not.toContain("Add relationship");
    expect(html).not.toContain("Remove");
    expect(html).toContain("Grace Hopper");
  });

  it("survives a malformed draft", () => {
    const html = render({ value: { annotations: "nope", relationships: [{}] } });
    expect(html).toContain("Entities (0)");
  });
});
