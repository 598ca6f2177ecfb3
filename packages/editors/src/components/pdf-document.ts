"use client";

import { useEffect, useState } from "react";
import type * as PdfJs from "pdfjs-dist";
import type { PDFDocumentProxy } from "pdfjs-dist";

let library: Promise<typeof PdfJs> | undefined;

/**
 * pdf.js, loaded on the first PDF (it is large, and reads browser globals at import). Its worker
 * is bundled with the app from our own origin (`new Worker(new URL(...))`), never fetched from a
 * CDN, so PDFs open offline; one worker serves every document of the page.
 */
const loadPdfJs = () =>
  (library ??= import("pdfjs-dist").then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerPort ??= new Worker(
      new URL("pdfjs-dist/build/pdf.worker.min.mjs", import.meta.url),
      { type: "module" },
    );
    return pdfjs;
  }));

export type PdfState =
  | { status: "loading" }
  | { status: "ready"; document: PDFDocumentProxy }
  | { status: "failed"; reason: string };

/** The PDF at `url` once pdf.js has opened it; nothing is loaded while `url` is undefined. */
export const usePdfDocument = (url: string | undefined): PdfState => {
  const [state, setState] = useState<{ url: string; state: PdfState } | null>(null);
  useEffect(() => {
    if (url === undefined) return;
    let task: ReturnType<typeof PdfJs.getDocument> | undefined;
    let live = true;
    loadPdfJs()
      .then((pdfjs) => {
        if (!live) return;
        task = pdfjs.getDocument({ url, isEvalSupported: false });
        return task.promise.then((document) => {
          if (live) setState({ url, state: { status: "ready", document } });
        });
      })
      .catch((error: unknown) => {
        if (live) setState({ url, state: { status: "failed", reason: (error as Error).message } });
      });
    return () => {
      live = false;
      void task?.destroy();
    };
  }, [url]);
  return state !== null && state.url === url ? state.state : { status: "loading" };
};
