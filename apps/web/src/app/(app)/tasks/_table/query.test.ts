import { describe, expect, it } from "vitest";

import { listInputOf, pageLinks, pageStateFrom, tasksHref } from "./query";

const stateOf = (href: string) =>
  pageStateFrom(Object.fromEntries(new URL(href, "http://x").searchParams));

describe("the Tasks page's URL state", () => {
  it("reads filters with the list API's names and turns comma-separated tags into a list", () => {
    const state = stateOf("/tasks?status=pending&tags=a,+b&unique_id=u-1&limit=10&junk=1&type=");
    expect(state.filters).toEqual({ status: "pending", tags: "a, b", unique_id: "u-1" });
    expect(listInputOf(state)).toEqual({
      status: "pending",
      tags: ["a", "b"],
      unique_id: "u-1",
      limit: "10",
    });
  });

  it("leaves defaults out of links", () => {
    expect(tasksHref({}, "50")).toBe("/tasks");
    expect(tasksHref({ type: "categorization" }, "10")).toBe("/tasks?type=categorization&limit=10");
  });

  it("walks keyset pages forward and back through a stack of tokens in the URL", () => {
    const page1 = stateOf("/tasks?status=error&limit=3");
    const page2Href = pageLinks(page1, "T2/+=").next;
    expect(page2Href).toBe("/tasks?status=error&limit=3&next_token=T2%2F%2B%3D");
    const page2 = stateOf(page2Href ?? "");
    expect(listInputOf(page2)).toMatchObject({ next_token: "T2/+=", status: "error" });
    const page3 = stateOf(pageLinks(page2, "T3").next ?? "");
    const links3 = pageLinks(page3, undefined);
    expect(links3).toMatchObject({ next: undefined, pageNumber: 3 });
    const back2 = stateOf(links3.previous ?? "");
    expect(back2).toEqual(page2);
    expect(pageLinks(back2, "T3").previous).toBe("/tasks?status=error&limit=3");
    expect(pageLinks(page1, "T2").previous).toBeUndefined();
  });
});
