import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";

import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

/**
 * An output file written in order with backpressure: `write` queues the chunk at once (so calls
 * keep their order) and resolves when the stream has room again, so memory stays bounded by the
 * stream's buffer rather than by the export's size.
 */
export type FileSink = {
  write(chunk: string | Uint8Array): Promise<void>;
  /** Flushes and closes the file. */
  close(): Promise<void>;
  /** Closes without waiting (after a failure). */
  destroy(): void;
};

export const openFileSink = async (path: string): Promise<FileSink> => {
  await mkdir(dirname(path), { recursive: true });
  const stream = createWriteStream(path);
  let failure: Error | null = null;
  stream.on("error", (error) => {
    failure = error;
  });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    write: (chunk) => {
      check();
      if (stream.write(chunk)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        stream.once("error", onError);
        stream.once("drain", () => {
          stream.off("error", onError);
          resolve();
        });
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        check();
        stream.once("error", reject);
        stream.end(() => resolve());
      }),
    destroy: () => stream.destroy(),
  };
};

/** A zip archive streamed into a file one entry at a time (fflate; entries are never all held). */
export type ZipSink = {
  /** Adds one whole entry; `stored` skips compression (PNGs are compressed already). */
  add(name: string, data: Uint8Array | string, options?: { stored?: boolean }): Promise<void>;
  /**
   * Adds one entry read from `source` chunk by chunk, stored as it is unless `deflate` (images are
   * compressed already): only a chunk at a time is held, however big the file.
   */
  addStream(
    name: string,
    source: AsyncIterable<Uint8Array>,
    options?: { deflate?: boolean },
  ): Promise<void>;
  close(): Promise<void>;
  destroy(): void;
};

export const openZipSink = async (path: string): Promise<ZipSink> => {
  const sink = await openFileSink(path);
  let pending: Promise<void>[] = [];
  let failure: Error | null = null;
  let ended: (() => void) | null = null;
  const zip = new Zip((error, chunk, final) => {
    if (error) {
      failure = error;
      return;
    }
    // fflate calls back synchronously; the sink keeps the order, we only wait for room.
    pending.push(sink.write(chunk));
    if (final) ended?.();
  });
  const settle = async () => {
    const waiting = pending;
    pending = [];
    await Promise.all(waiting);
    if (failure) throw failure;
  };
  const encoder = new TextEncoder();
  return {
    add: async (name, data, options) => {
      const entry = options?.stored ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
      zip.add(entry);
      entry.push(typeof data === "string" ? encoder.encode(data) : data, true);
      await settle();
    },
    addStream: async (name, source, options) => {
      const entry = options?.deflate
        ? new ZipDeflate(name, { level: 6 })
        : new ZipPassThrough(name);
      zip.add(entry);
      for await (const chunk of source) {
        entry.push(chunk, false);
        await settle();
      }
      entry.push(new Uint8Array(0), true);
      await settle();
    },
    close: async () => {
      const done = new Promise<void>((resolve) => {
        ended = resolve;
      });
      zip.end();
      await done;
      await settle();
      await sink.close();
    },
    destroy: () => {
      zip.terminate();
      sink.destroy();
    },
  };
};
