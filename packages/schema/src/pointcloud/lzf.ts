import { PointCloudError } from "./frame";

/**
 * LZF decompression (liblzf's format, which PCD's `binary_compressed` uses). The npm packages for
 * LZF are unmaintained or native; the format is a dozen lines: a control byte below 32 copies that
 * many + 1 literal bytes, any other is a back-reference of length (ctrl >> 5) + 2 (7 meaning "add
 * the next byte") at distance ((ctrl & 31) << 8 | next byte) + 1.
 */
export const lzfDecompress = (input: Uint8Array, outputLength: number): Uint8Array => {
  const output = new Uint8Array(outputLength);
  let ip = 0;
  let op = 0;
  const corrupt = () =>
    new PointCloudError("its compressed data is corrupt (LZF data does not match its sizes)");
  while (ip < input.length) {
    const ctrl = input[ip++] ?? 0;
    if (ctrl < 32) {
      const length = ctrl + 1;
      if (ip + length > input.length || op + length > outputLength) throw corrupt();
      // A loop, not set(subarray()): runs are at most 32 bytes, too short to pay for a view.
      for (let end = op + length; op < end;) output[op++] = input[ip++] ?? 0;
      continue;
    }
    let length = ctrl >> 5;
    if (length === 7) {
      if (ip >= input.length) throw corrupt();
      length += input[ip++] ?? 0;
    }
    length += 2;
    if (ip >= input.length) throw corrupt();
    let ref = op - ((ctrl & 0x1f) << 8) - (input[ip++] ?? 0) - 1;
    if (ref < 0 || op + length > outputLength) throw corrupt();
    // Byte by byte: a reference may overlap what it writes (a run).
    for (let end = op + length; op < end;) output[op++] = output[ref++] ?? 0;
  }
  if (op !== outputLength) throw corrupt();
  return output;
};
