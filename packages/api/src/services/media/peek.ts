import { Readable } from "node:stream";

/**
 * The first `bytes` of a stream (fewer if it is shorter) and a stream of all of it, head
 * included: what a file is can be decided from its start before any of it is stored, and the
 * rest is then streamed on without being held.
 */
export const peekStream = async (source: Readable, bytes: number) => {
  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let ended = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* whole() {
    yield head;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head: head.subarray(0, bytes), stream: Readable.from(whole(), { objectMode: false }) };
};
