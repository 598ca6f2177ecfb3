import { encodePng } from "@taskforge/schema";
import { it } from "vitest";

import { createApiKeyFor, signedUpPage } from "./accounts";
import { useOwnBrowserServer } from "./browser-server";
import { dropFiles } from "./media";

// A measurement, not a test: `pnpm --filter @taskforge/web measure` runs it (it is in no test run).
// 1,000 small images dropped at once, timed from the drop to the page's summary.
const world = useOwnBrowserServer();

it("uploads 1,000 small images", { timeout: 600_000 }, async () => {
  const { createTaskforgeClient } = await import("@taskforge/client");
  const { context, page } = await signedUpPage(world.browser, world.server.baseUrl, "throughput");
  const client = createTaskforgeClient({
    baseUrl: world.server.baseUrl,
    apiKey: await createApiKeyFor(page),
  });
  await client.projects.create.mutate({
    type: "imageannotation",
    name: "thousand",
    params: { geometries: { box: { objects_to_annotate: ["car"] } } },
  });
  await page.goto(`${world.server.baseUrl}/projects/thousand`);
  // Distinct bytes per file (the fill and height differ), so none is refused as a duplicate.
  const files = Array.from({ length: 1000 }, (_, i) => {
    const height = 24 + Math.floor(i / 250);
    return {
      name: `img-${i}.png`,
      base64: Buffer.from(
        encodePng(new Uint8Array(32 * height * 4).fill(i % 250), 32, height),
      ).toString("base64"),
    };
  });
  const bytes = files.reduce((sum, f) => sum + Buffer.from(f.base64, "base64").length, 0);
  const started = performance.now();
  await dropFiles(page, files);
  await page.getByText("Created 1000 tasks.").waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `media drop: 1000 images (${(bytes / 1024).toFixed(0)} KB) in ${seconds.toFixed(1)} s = ${(1000 / seconds).toFixed(1)} files/s`,
  );
  await context.close();
});
