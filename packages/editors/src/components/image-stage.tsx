"use client";

import { useEffect, useRef, useState } from "react";
import type { ReactNode } from "react";

export type Size = { width: number; height: number };

/**
 * An image with an SVG drawn over it in image pixels (viewBox = the image size). The size is the
 * one the params give, else the image's own once it loads, else `fallbackSize`. An image that
 * cannot load (an s3:// URL, a dead link) leaves a grey stage so the drawing still shows.
 */
export const ImageStage = ({
  src,
  alt,
  size,
  fallbackSize,
  label,
  onFailed,
  children,
}: {
  src: string | undefined;
  alt: string;
  size: Size | undefined;
  fallbackSize: Size;
  /** What the drawing shows, for screen readers. */
  label: string;
  /** Told when the image cannot load (a document's attachment may then be tried as a PDF). */
  onFailed?: (() => void) | undefined;
  children?: ReactNode;
}) => {
  const image = useRef<HTMLImageElement>(null);
  const [natural, setNatural] = useState<Size | undefined>();
  const [failed, setFailed] = useState(false);

  // An image that loaded or failed before hydration fired its event before React listened.
  useEffect(() => {
    const element = image.current;
    if (!element?.complete) return;
    if (element.naturalWidth > 0) {
      setNatural({ width: element.naturalWidth, height: element.naturalHeight });
    } else {
      setFailed(true);
    }
  }, []);

  useEffect(() => {
    if (failed) onFailed?.();
  }, [failed, onFailed]);

  const view = size ?? natural ?? fallbackSize;
  return (
    <figure
      className="relative w-full overflow-hidden rounded-md border border-slate-200 bg-slate-100"
      style={{ aspectRatio: `${view.width} / ${view.height}` }}
    >
      {src && !failed ? (
        <img
          ref={image}
          src={src}
          alt={alt}
          className="absolute inset-0 h-full w-full object-fill"
          onLoad={(event) =>
            setNatural({
              width: event.currentTarget.naturalWidth,
              height: event.currentTarget.naturalHeight,
            })
          }
          onError={() => setFailed(true)}
        />
      ) : (
        <div className="absolute inset-0 flex items-end p-2 text-xs break-all text-slate-600">
          {src ? `Image not loaded: ${src}` : "No image"}
        </div>
      )}
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${view.width} ${view.height}`}
        preserveAspectRatio="none"
        className="absolute inset-0 h-full w-full"
      >
        {children}
      </svg>
    </figure>
  );
};
