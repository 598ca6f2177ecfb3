import type { Page } from "playwright-core";

const EDITOR = 'section[aria-label="Editor"]';

/** The REST body of a categorization task (Scale's flat form): text to read, categories to pick. */
export const categorizationBody = (text: string, categories = ["cat", "dog", "bird"]) => ({
  instruction: `Which animal is **${text}** about?`,
  attachment_type: "text",
  attachment: text,
  categories,
});

/**
 * Picks a category in whatever editor the categorization type has: its visual editor (a radio,
 * checkbox or button named after the category) or the JSON fallback (typed, key by key).
 */
export const chooseCategory = async (page: Page, label: string) => {
  const editor = page.locator(EDITOR);
  const json = editor.locator("#response-json");
  if ((await json.count()) > 0) {
    await json.click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(JSON.stringify({ category: label }));
    return;
  }
  await editor
    .getByRole("radio", { name: label, exact: true })
    .or(editor.getByRole("checkbox", { name: label, exact: true }))
    .or(editor.getByRole("button", { name: label, exact: true }))
    .first()
    .click();
};
