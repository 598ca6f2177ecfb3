import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startWorkspaceWorld } from "./workspace-world";
import type { WorkspaceWorld } from "./workspace-world";

let world: WorkspaceWorld;

beforeAll(async () => {
  world = await startWorkspaceWorld();
});
afterAll(async () => {
  await world.stop();
});

const TEXT = "Alan Turing studied at the University of Cambridge in England.";
const at = (word: string) => {
  const start = TEXT.indexOf(word);
  if (start < 0) throw new Error(`${word} is not in the text`);
  return { start, end: start + word.length };
};

/** The on-screen box of the character at `offset` of the text being labeled. */
const charBox = (page: Page, offset: number) =>
  page.evaluate((target) => {
    const root = document.querySelector(
      'section[aria-label="Editor"] [aria-label="Text to label"]',
    );
    if (!root) throw new Error("no text to label");
    for (const piece of root.querySelectorAll<HTMLElement>("[data-offset]")) {
      const start = Number(piece.dataset.offset);
      const node = piece.firstChild;
      if (!node || target < start || target >= start + (node.textContent ?? "").length) continue;
      const range = document.createRange();
      range.setStart(node, target - start);
      range.setEnd(node, target - start + 1);
      const { left, top, width, height } = range.getBoundingClientRect();
      return { left, top, width, height };
    }
    throw new Error(`no piece holds offset ${target}`);
  }, offset);

/**
 * Selects characters [start, end) with a real mouse drag, from inside the first character to
 * inside the last one (or backwards), as a person would.
 */
const dragSelect = async (page: Page, range: { start: number; end: number }, backwards = false) => {
  const first = await charBox(page, range.start);
  const last = await charBox(page, range.end - 1);
  const from = { x: first.left + first.width * 0.3, y: first.top + first.height / 2 };
  const to = { x: last.left + last.width * 0.7, y: last.top + last.height / 2 };
  const [a, b] = backwards ? [to, from] : [from, to];
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  await page.mouse.up();
};

const entityCount = (page: Page) =>
  page.locator('section[aria-label="Editor"] [aria-label="Entities"] > li').count();

describe("labeling named entities in the workspace", () => {
  it("makes spans by mouse selection and label keys, nests one over another, links two, and stores them exactly", async () => {
    const taskId = await world.createTask("namedentityrecognition", {
      instruction: "Label people, organizations and places.",
      text: TEXT,
      labels: ["person", "organization", "location"],
      relationships: [
        { name: "studied_at", source_labels: ["person"], target_labels: ["organization"] },
      ],
    });
    const { page, context } = await world.newTasker({ types: ["namedentityrecognition"] });
    try {
      expect((await world.startWork(page)).taskId).toBe(taskId);
      const editor = page.locator('section[aria-label="Editor"]');

      // A forward drag over "Alan Turing", then key 1 (person).
      await dragSelect(page, at("Alan Turing"));
      await page.keyboard.press("1");
      await editor.locator('[data-entity="e1"][data-label="person"]').first().waitFor();

      // A backward drag over "Cambridge", then key 3 (location).
      await dragSelect(page, at("Cambridge"), true);
      await page.keyboard.press("3");
      await editor.locator('[data-entity="e2"][data-label="location"]').first().waitFor();

      // "University of Cambridge" ends inside the labeled "Cambridge" (and its label badge):
      // the selection is mapped back to offsets in the original text across that span.
      const university = { start: at("University").start, end: at("Cambridge").end };
      await dragSelect(page, university);
      await page.keyboard.press("2");
      await editor.getByText("Entities (3)").waitFor();

      // "England", then remove it by clicking it and pressing Delete; Ctrl+Z brings it back.
      await dragSelect(page, at("England"));
      await page.keyboard.press("3");
      await editor.getByText("Entities (4)").waitFor();
      const england = await charBox(page, at("England").start + 2);
      await page.mouse.click(england.left + england.width / 2, england.top + england.height / 2);
      await page.keyboard.press("Delete");
      await editor.getByText("Entities (3)").waitFor();
      expect(await entityCount(page)).toBe(3);
      await page.keyboard.press("Control+z");
      await editor.getByText("Entities (4)").waitFor();

      // Alan Turing studied_at the University of Cambridge.
      await editor
        .getByLabel("Relationship source")
        .selectOption({ label: "Alan Turing (person)" });
      await editor
        .getByLabel("Relationship target")
        .selectOption({ label: "University of Cambridge (organization)" });
      expect(await editor.getByLabel("Relationship type").inputValue()).toBe("studied_at");
      await editor.getByRole("button", { name: "Add relationship" }).click();
      await editor.getByText("Relationships (1)").waitFor();

      await world.screenshot(page, "label-namedentityrecognition");
      await world.submit(page);

      const response = await world.storedResponse(taskId);
      const entity = (id: string, range: { start: number; end: number }, label: string) => ({
        id,
        ...range,
        text: TEXT.slice(range.start, range.end),
        label,
      });
      expect(response).toEqual({
        annotations: [
          entity("e1", { start: 0, end: 11 }, "person"),
          entity("e2", { start: 41, end: 50 }, "location"),
          entity("e3", { start: 27, end: 50 }, "organization"),
          entity("e4", { start: 54, end: 61 }, "location"),
        ],
        relationships: [{ id: "r1", source_ref: "e1", target_ref: "e3", name: "studied_at" }],
      });
      expect(TEXT.slice(27, 50)).toBe("University of Cambridge");
    } finally {
      await context.close();
    }
  });
});
