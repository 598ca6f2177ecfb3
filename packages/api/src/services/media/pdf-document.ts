// The web app compiles this file too; the reference brings pdf.js's worker declaration along.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- an ambient module, not an import
/// <reference path="./pdfjs-worker.d.ts" />
import type { Readable } from "node:stream";

import { MAX_PDF_PAGES } from "@taskforge/schema";
import type * as PdfJsModule from "pdfjs-dist/legacy/build/pdf.mjs";

import { badRequest } from "../../errors";
import { fileTooLarge } from "../files/storage";

const refusedPdf = (filename: string, reason: string) =>
  badRequest(`"${filename}" is not a PDF taskforge can label: ${reason}. Nothing was stored.`);

// A PDF ends with `%%EOF`; readers accept it anywhere in the last 1024 bytes (trailing junk from
// transfers is common). Its absence is how a file cut off in transfer shows, even when pdf.js
// could rebuild a damaged cross-reference table and open what is left.
const END_MARKER_WINDOW = 1024;

const hasEndMarker = (bytes: Buffer) =>
  bytes.subarray(Math.max(0, bytes.length - END_MARKER_WINDOW)).includes("%%EOF", 0, "latin1");

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | undefined;

/**
 * pdf.js's Node build (no DOM). Its worker module is loaded here and handed over through
 * `globalThis.pdfjsWorker`, so pdf.js parses in this thread without looking for a worker file
 * next to itself, which a bundler may have moved.
 */
const loadPdfJs = () =>
  (pdfjs ??= (async () => {
    const worker: unknown = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import("pdfjs-dist/legacy/build/pdf.mjs");
  })());

/**
 * Opens a PDF's bytes the way the editor will (pdf.js) and returns its page count. Refuses, with
 * the file named and the reason, a file cut short, one pdf.js cannot open (damaged, encrypted),
 * one without pages or with more than `MAX_PDF_PAGES`, and one whose first or last page cannot
 * be read (a broken page tree).
 */
export const checkPdf = async (filename: string, bytes: Buffer): Promise<number> => {
  if (!hasEndMarker(bytes)) throw refusedPdf(filename, "it is truncated (it has no %%EOF end)");
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    isEvalSupported: false,
    stopAtErrors: true,
    disableFontFace: true,
    verbosity: 0,
  });
  try {
    const document = await task.promise.catch((error: unknown) => {
      const name = (error as Error).name;
      throw refusedPdf(
        filename,
        name === "PasswordException"
          ? "it is encrypted with a password"
          : `it cannot be opened (${(error as Error).message})`,
      );
    });
    const pages = document.numPages;
    if (pages < 1) throw refusedPdf(filename, "it has no pages");
    if (pages > MAX_PDF_PAGES) {
      throw refusedPdf(filename, `it has ${pages} pages, more than the ${MAX_PDF_PAGES} allowed`);
    }
    for (const number of new Set([1, pages])) {
      await document.getPage(number).catch((error: unknown) => {
        throw refusedPdf(
          filename,
          `its page ${number} cannot be read (${(error as Error).message})`,
        );
      });
    }
    return pages;
  } finally {
    await task.destroy();
  }
};

/**
 * Reads a PDF whole (at most `maxBytes`, the limit of any file: pdf.js needs all of it) and
 * checks it opens. Returns its bytes, to be stored as they are, and its page count.
 */
export const readPdf = async (
  filename: string,
  body: Readable,
  maxBytes: number,
): Promise<{ bytes: Buffer; pageCount: number }> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      body.destroy();
      throw fileTooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  return { bytes, pageCount: await checkPdf(filename, bytes) };
};
