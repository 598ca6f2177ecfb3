import { readdirSync } from "node:fs";
import { join } from "node:path";

import { createTaskforgeClient } from "@taskforge/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startServer, temporaryDirectory, waitForHealthy } from "./server";
import type { RunningServer } from "./server";

const LIVE_KEY = "live_files_0123456789abcdef";

// A real 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==",
  "base64",
);

let server: RunningServer;
const data = temporaryDirectory();

beforeAll(async () => {
  server = await startServer({
    TASKFORGE_DATA_DIR: data.dir,
    TASKFORGE_BOOTSTRAP_API_KEY: LIVE_KEY,
  });
  expect(await waitForHealthy(server)).toEqual({ status: "ok" });
});
afterAll(async () => {
  await server.stop();
  data.remove();
});

const upload = async (key: string) => {
  const form = new FormData();
  form.append("file", new Blob([PNG], { type: "image/png" }), "dot.png");
  const response = await fetch(`${server.baseUrl}/v1/files/upload`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string; attachment_url: string; size: number };
};

describe("attachments through the built server", () => {
  it("uploads under the data directory, attaches to a task, and serves the bytes by signed URL only", async () => {
    const file = await upload(LIVE_KEY);
    expect(file.size).toBe(PNG.length);
    const stored = readdirSync(join(data.dir, "files"), { recursive: true, withFileTypes: true });
    expect(stored.filter((entry) => entry.isFile())).toHaveLength(1);

    const taskforge = createTaskforgeClient({ baseUrl: server.baseUrl, apiKey: LIVE_KEY });
    const task = await taskforge.tasks.create.mutate({
      type: "imageannotation",
      instruction: "Box the cars.",
      params: {
        attachment: file.attachment_url,
        geometries: { box: { objects_to_annotate: ["car"] } },
      },
    });
    expect(task.params).toMatchObject({ attachment: file.attachment_url });

    const { url } = await taskforge.files.signedUrl.query({ attachment_url: file.attachment_url });
    // No session or key: the signature alone lets the browser load it.
    const response = await fetch(`${server.baseUrl}${url}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);

    const tampered = url.replace(/expires=(\d+)/, (_, n: string) => `expires=${Number(n) + 1}`);
    expect((await fetch(`${server.baseUrl}${tampered}`)).status).toBe(403);
    expect((await fetch(`${server.baseUrl}/files/${file.id}`)).status).toBe(403);
  });
});
