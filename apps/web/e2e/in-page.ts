import type { Page } from "playwright-core";

/**
 * Calls a tRPC procedure from a signed-in page, with its cookies, as the page's own code would:
 * a query as GET (`?input=`), a mutation as POST. Answers the HTTP status and the result's data.
 */
export const trpcInPage = (page: Page, path: string, input?: unknown, method = "POST") =>
  page.evaluate(
    async ({ path: p, input: i, method: m }) => {
      const response = await fetch(
        m === "GET"
          ? `/api/trpc/${p}${i === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(i))}`}`
          : `/api/trpc/${p}`,
        m === "GET"
          ? {}
          : {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(i),
            },
      );
      const body = (await response.json()) as { result?: { data?: unknown }; error?: unknown };
      return { status: response.status, data: body.result?.data, error: body.error };
    },
    { path, input, method },
  );
