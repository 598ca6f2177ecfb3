"use client";

import { isPdfAttachment, pageCountOf } from "@taskforge/schema";
import type { DocumentTranscriptionParams } from "@taskforge/schema";
import { useState } from "react";
import type { ReactNode } from "react";

import { ImageStage } from "./image-stage";
import type { Size } from "./image-stage";
import { usePdfDocument } from "./pdf-document";
import type { PdfState } from "./pdf-document";
import { PdfPageStage } from "./pdf-page-stage";

/** A document's pages: page images, or one PDF. */
export type DocumentPages =
  | { kind: "images"; urls: readonly string[]; onImageFailed?: () => void; count: number }
  | { kind: "pdf"; url: string; pdf: PdfState; count: number; triedAsImage: boolean };

/**
 * The pages of a document task. A PDF is known by its recorded page count or its URL; a single
 * attachment that says neither is shown as an image, and tried as a PDF if it does not load as
 * one (a PDF behind a URL without `.pdf`). The count is the PDF's own once it is open.
 */
export const useDocumentPages = (params: DocumentTranscriptionParams): DocumentPages => {
  const [notAnImage, setNotAnImage] = useState(false);
  const single = params.attachments === undefined ? params.attachment : undefined;
  const pdfUrl =
    single !== undefined && (isPdfAttachment(params) || notAnImage) ? single : undefined;
  const pdf = usePdfDocument(pdfUrl);
  if (pdfUrl !== undefined) {
    const count = pdf.status === "ready" ? pdf.document.numPages : (params.page_count ?? 1);
    return { kind: "pdf", url: pdfUrl, pdf, count, triedAsImage: notAnImage };
  }
  const urls = params.attachments ?? (single !== undefined ? [single] : []);
  return {
    kind: "images",
    urls,
    count: Math.max(1, urls.length),
    // Only a URL that names no kind may be a PDF in disguise; a broken `.png` stays an image.
    ...(single !== undefined && pageCountOf(params) === undefined
      ? { onImageFailed: () => setNotAnImage(true) }
      : {}),
  };
};

/**
 * Page `page` (0-based) of a document with an SVG over it in page pixels: the image's pixels, or
 * PDF points. While a PDF opens, or when it cannot, a grey stage keeps the boxes visible.
 */
export const DocumentPageStage = ({
  pages,
  page,
  label,
  fallbackSize,
  children,
}: {
  pages: DocumentPages;
  page: number;
  label: string;
  fallbackSize: Size;
  children?: ReactNode;
}) => {
  if (pages.kind === "images") {
    return (
      <ImageStage
        src={pages.urls[page]}
        alt={`Page ${page + 1}`}
        size={undefined}
        fallbackSize={fallbackSize}
        label={label}
        onFailed={pages.onImageFailed}
      >
        {children}
      </ImageStage>
    );
  }
  if (pages.pdf.status === "ready") {
    return (
      <PdfPageStage document={pages.pdf.document} pageNumber={page + 1} label={label}>
        {children}
      </PdfPageStage>
    );
  }
  return (
    <figure
      className="relative w-full overflow-hidden rounded-md border border-slate-200 bg-slate-100"
      style={{ aspectRatio: `${fallbackSize.width} / ${fallbackSize.height}` }}
    >
      <div className="absolute inset-0 flex items-end p-2 text-xs break-all text-slate-600">
        {pages.pdf.status === "loading"
          ? "Opening the PDF…"
          : `${pages.triedAsImage ? "Neither an image nor a PDF" : "PDF"} not loaded: ${pages.url} (${pages.pdf.reason})`}
      </div>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${fallbackSize.width} ${fallbackSize.height}`}
        preserveAspectRatio="none"
        className="absolute inset-0 h-full w-full"
      >
        {children}
      </svg>
    </figure>
  );
};
