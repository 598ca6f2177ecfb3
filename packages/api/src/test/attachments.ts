import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";

import { jpegBytes, pngBytes } from "./image-bytes";

const authorization = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

/** Uploads bytes through `POST /v1/files/upload` and answers the file's `taskforge://` URL. */
export const uploadAttachment = async (
  baseUrl: string,
  key: string,
  file: { bytes: Buffer; type: string; name: string },
): Promise<string> => {
  const form = new FormData();
  form.append("file", new Blob([file.bytes], { type: file.type }), file.name);
  const response = await fetch(`${baseUrl}/files/upload`, {
    method: "POST",
    headers: { authorization: authorization(key) },
    body: form,
  });
  const body = (await response.json()) as { attachment_url?: string; error?: string };
  if (!body.attachment_url) throw new Error(`upload failed: ${body.error ?? response.status}`);
  return body.attachment_url;
};

/** Scale's documented `segmentannotation` params, exactly as its SDKs send them: no image size. */
export const scaleSegmentationParams = (attachment: string) => ({
  attachment,
  labels: ["background", "road", "vegetation", "lane marking"],
  instance_labels: ["vehicle", "pedestrian"],
});

/** Sizes of the images the host serves. */
export const HOSTED = {
  png: { width: 40, height: 30 },
  jpeg: { width: 800, height: 600 },
  endless: { width: 64, height: 48 },
} as const;

/**
 * An image host on 127.0.0.1 (a private address: reachable only through the allowlist):
 * `/street.png` and `/counted.png` (any query), `/photo.jpg`, `/endless.png` (a header, then a
 * body that never ends), `/page` (HTML), anything else 404. `hits` counts requests by URL.
 */
export const startImageHost = async () => {
  const hits = new Map<string, number>();
  const sockets = new Set<Socket>();
  const png = pngBytes(HOSTED.png.width, HOSTED.png.height);
  const jpeg = jpegBytes(HOSTED.jpeg.width, HOSTED.jpeg.height);
  const endless = pngBytes(HOSTED.endless.width, HOSTED.endless.height);
  const host = createServer((req, res) => {
    hits.set(req.url ?? "/", (hits.get(req.url ?? "/") ?? 0) + 1);
    const path = new URL(req.url ?? "/", "http://images").pathname;
    if (path === "/street.png" || path === "/counted.png") {
      res.writeHead(200, { "content-type": "image/png" }).end(png);
    } else if (path === "/photo.jpg") {
      res.writeHead(200, { "content-type": "image/jpeg" }).end(jpeg);
    } else if (path === "/endless.png") {
      // Only a reader that stops at the header answers before the deadline.
      res.writeHead(200, { "content-type": "image/png" });
      res.write(endless.subarray(0, 64));
    } else if (path === "/page") {
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><p>hello</p>");
    } else {
      res.writeHead(404).end();
    }
  });
  host.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${(host.address() as AddressInfo).port}`,
    /** Requests so far for this URL path (with its query). */
    hitsOf: (path: string) => hits.get(path) ?? 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => host.close(() => resolve()));
    },
  };
};

/** A URL on 127.0.0.1 where nothing listens (the connection is refused). */
export const refusedUrl = async (path: string) => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}${path}`;
};
