import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { getTaskType } from "@taskforge/schema";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { parseAllowlist } from "../../services/callbacks/ssrf";
import {
  configureFiles,
  createDiskStorage,
  resolveAttachments,
  serveSignedFile,
  signFileUrl,
} from "../../services/files";
import type { FilesConfig } from "../../services/files";
import { scopeOf } from "../../scope";
import { callerFor, createTenant, createTestDatabase } from "../../test/harness";
import type { TestDatabase, TestTenant } from "../../test/harness";
import { scaleClient, startRestServer } from "../../test/rest-server";

// A real 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==",
  "base64",
);
const MAX_BYTES = 64 * 1024;

let db: TestDatabase;
let acme: TestTenant;
let globex: TestTenant;
let dir: string;
let config: FilesConfig;
let server: Awaited<ReturnType<typeof startRestServer>>;
let scale: ReturnType<typeof scaleClient>;

const authorization = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

const upload = async (
  key: string,
  file: { bytes: Buffer; type: string; name: string },
  fields: Record<string, string | string[]> = {},
) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    for (const one of [value].flat()) form.append(name, one);
  }
  form.append("file", new Blob([file.bytes], { type: file.type }), file.name);
  const response = await fetch(`${server.baseUrl}/files/upload`, {
    method: "POST",
    headers: { authorization: authorization(key) },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

const storedFiles = async () =>
  (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;

const served = (path: string, init?: RequestInit) =>
  serveSignedFile(
    db,
    path.split("?")[0]?.split("/").pop() ?? "",
    new Request(new URL(path, "http://app"), init),
  );

beforeAll(async () => {
  db = await createTestDatabase();
  acme = await createTenant(db, "Acme");
  globex = await createTenant(db, "Globex");
  dir = await mkdtemp(join(tmpdir(), "taskforge-files-"));
  config = {
    storage: createDiskStorage(dir),
    maxBytes: MAX_BYTES,
    urlTtlSeconds: 600,
    importTimeoutMs: 5_000,
    importPolicy: parseAllowlist([]),
  };
  server = await startRestServer({ db });
  scale = scaleClient(server.baseUrl, acme.live.key);
  await scale.post("/projects", { type: "imageannotation", name: "street scenes" });
});
beforeEach(() => configureFiles(config));
afterAll(async () => {
  configureFiles(undefined);
  await server.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe("POST /v1/files/upload", () => {
  it("stores a PNG whose attachment_url makes a task and is served back through a signed URL", async () => {
    const { status, body } = await upload(
      acme.live.key,
      { bytes: PNG, type: "image/png", name: "dot.png" },
      { project_name: "street scenes" },
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      attachment_url: `taskforge://files/${body.id}`,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      mime_type: "image/png",
      size: PNG.length,
      project_names: ["street scenes"],
    });
    expect((await scale.get(`/files/${body.id}`)).body).toEqual(body);

    const task = await scale.post("/task/imageannotation", {
      instruction: "Box the cars.",
      attachment: body.attachment_url,
      geometries: { box: { objects_to_annotate: ["car"] } },
    });
    expect(task.status).toBe(200);
    expect(task.body.params.attachment).toBe(body.attachment_url);

    // The dashboard resolves the task's params to a signed URL that serves the very same bytes.
    const acmeScope = scopeOf(db, acme.live);
    const resolved = await resolveAttachments(
      acmeScope,
      task.body.params as Record<string, string>,
      { baseUrl: "https://labels.example.com" },
    );
    expect(resolved.attachment).toMatch(
      new RegExp(
        `^https://labels\\.example\\.com/files/${body.id}\\?expires=\\d+&signature=[\\w-]+$`,
      ),
    );
    // Still valid params of the type, so the renderers accept them.
    expect(getTaskType("imageannotation")?.params.safeParse(resolved).success).toBe(true);
    const response = await served(resolved.attachment ?? "");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer()).equals(PNG)).toBe(true);

    const partial = await served(resolved.attachment ?? "", { headers: { range: "bytes=0-7" } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe(`bytes 0-7/${PNG.length}`);
    expect(Buffer.from(await partial.arrayBuffer()).equals(PNG.subarray(0, 8))).toBe(true);

    const { url } = await callerFor(db, acme.live).files.signedUrl({
      attachment_url: body.attachment_url,
    });
    expect((await served(url)).status).toBe(200);
  });

  it("refuses a tampered or expired signature with 403, and an unknown file with 404", async () => {
    const { body } = await upload(acme.live.key, { bytes: PNG, type: "image/png", name: "a.png" });
    const acmeScope = scopeOf(db, acme.live);
    const { url } = await signFileUrl(acmeScope, body.attachment_url);
    const tampered = url.replace(
      /signature=(.)/,
      (_, c: string) => `signature=${c === "A" ? "B" : "A"}`,
    );
    expect((await served(tampered)).status).toBe(403);
    expect((await served(url.replace(/expires=\d+/, "expires=99999999999"))).status).toBe(403);
    expect((await served(`/files/${body.id}`)).status).toBe(403);

    const old = await signFileUrl(acmeScope, body.attachment_url, {
      now: Date.now() - 3_600_000,
    });
    const expired = await served(old.url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("expired");

    const other = "0190f3c2-0000-7000-8000-000000000000";
    const forged = await signFileUrl(acmeScope, `taskforge://files/${other}`).catch(
      (e: unknown) => e,
    );
    expect(forged).toMatchObject({ code: "not_found" });
    expect((await served(`/files/not-a-uuid?expires=1&signature=x`)).status).toBe(404);
  });

  it("keeps files to their organization: 404, no signed URL, no task attachment", async () => {
    const { body } = await upload(acme.live.key, { bytes: PNG, type: "image/png", name: "b.png" });
    const foreign = scaleClient(server.baseUrl, globex.live.key);
    expect(await foreign.get(`/files/${body.id}`)).toMatchObject({
      status: 404,
      body: { status_code: 404, error: "File not found." },
    });
    // Test mode is another world too.
    expect((await scaleClient(server.baseUrl, acme.test.key).get(`/files/${body.id}`)).status).toBe(
      404,
    );
    await expect(
      callerFor(db, globex.live).files.signedUrl({ attachment_url: body.attachment_url }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const resolved = await resolveAttachments(scopeOf(db, globex.live), {
      attachment: body.attachment_url,
    });
    expect(resolved.attachment).toBe(body.attachment_url);

    const task = await foreign.post("/task/imageannotation", {
      attachment: body.attachment_url,
      geometries: { box: { objects_to_annotate: ["car"] } },
    });
    expect(task.status).toBe(400);
    expect(task.body.error).toBe(
      `params.attachment: ${body.attachment_url} is not a file of this organization`,
    );
  });

  it("refuses a file over TASKFORGE_MAX_FILE_BYTES with 413 and keeps nothing", async () => {
    const before = { files: await storedFiles(), rows: await db.prisma.file.count() };
    for (const size of [MAX_BYTES + 1, MAX_BYTES * 8]) {
      const { status, body } = await upload(acme.live.key, {
        bytes: randomBytes(size),
        type: "application/octet-stream",
        name: "cloud.bin",
      });
      expect(status).toBe(413);
      expect(body.error).toBe(
        "file: larger than the limit of 65536 bytes (TASKFORGE_MAX_FILE_BYTES).",
      );
    }
    expect({ files: await storedFiles(), rows: await db.prisma.file.count() }).toEqual(before);
  });

  it("refuses a disallowed type with 400 naming it, and a body without a file", async () => {
    const html = await upload(acme.live.key, {
      bytes: Buffer.from("<script>alert(1)</script>"),
      type: "text/html",
      name: "page.html",
    });
    expect(html.status).toBe(400);
    expect(html.body.error).toContain('the type "text/html" is not allowed');

    const response = await fetch(`${server.baseUrl}/files/upload`, {
      method: "POST",
      headers: { authorization: authorization(acme.live.key) },
      body: (() => {
        const form = new FormData();
        form.append("display_name", "nothing");
        return form;
      })(),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe(
      "file: is required (a multipart part named `file`).",
    );
    const unknownProject = await upload(
      acme.live.key,
      { bytes: PNG, type: "image/png", name: "c.png" },
      { project_names: ["street scenes", "nope"] },
    );
    expect(unknownProject.status).toBe(400);
    expect(unknownProject.body.error).toBe('project_names: Project "nope" not found.');
  });
});

describe("POST /v1/files/import", () => {
  let origin: Server;
  let base: string;

  beforeAll(async () => {
    origin = createServer((req, res) => {
      if (req.url === "/dot.png") {
        res.writeHead(200, { "content-type": "image/png", "content-length": PNG.length });
        res.end(PNG);
      } else if (req.url === "/moved") {
        res.writeHead(302, { location: "/dot.png" });
        res.end();
      } else if (req.url === "/page") {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<p>hi</p>");
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => origin.close(() => resolve())));

  it("refuses a private address unless the allowlist names it", async () => {
    const refused = await scale.post("/files/import", { file_url: `${base}/dot.png` });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe(
      `file_url: could not download ${base}/dot.png: refused to connect: 127.0.0.1 is a loopback (127.0.0.0/8) address; an operator can allow it with TASKFORGE_CALLBACK_ALLOWLIST`,
    );
    // A name resolving to the loopback is refused at connect time too.
    const byName = await scale.post("/files/import", {
      file_url: `${base.replace("127.0.0.1", "localhost")}/dot.png`,
    });
    expect(byName.status).toBe(400);
    expect(byName.body.error).toContain("is a loopback");
    // The loopback written as an IPv4-mapped IPv6 address (::ffff:0:0/96), in each of its forms.
    const port = new URL(base).port;
    for (const host of ["[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]"]) {
      const mapped = await scale.post("/files/import", {
        file_url: `http://${host}:${port}/dot.png`,
      });
      expect(mapped.status, host).toBe(400);
      expect(mapped.body.error, host).toContain("is a loopback (127.0.0.0/8) address");
    }
  });

  it("downloads an allowed URL, following a redirect, with the type of the response", async () => {
    configureFiles({ ...config, importPolicy: parseAllowlist(["127.0.0.1"]) });
    const { status, body } = await scale.post("/files/import", {
      file_url: `${base}/moved`,
      project_name: "street scenes",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      mime_type: "image/png",
      size: PNG.length,
      project_names: ["street scenes"],
    });
    const { url } = await signFileUrl(scopeOf(db, acme.live), body.attachment_url);
    expect(Buffer.from(await (await served(url)).arrayBuffer()).equals(PNG)).toBe(true);

    expect((await scale.post("/files/import", { file_url: `${base}/page` })).body.error).toContain(
      'the type "text/html" is not allowed',
    );
    expect((await scale.post("/files/import", { file_url: `${base}/gone` })).body.error).toBe(
      `file_url: could not download ${base}/gone: the server answered 404`,
    );
    expect(
      (await scale.post("/files/import", { file_url: "ftp://example.com/x" })).body.error,
    ).toBe("file_url: must be an http(s) URL");
  });
});
