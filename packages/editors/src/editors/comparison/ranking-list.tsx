"use client";

import type { ComparisonAttachment } from "@taskforge/schema";
import { useEffect, useRef, useState } from "react";
import type { KeyboardEvent as ReactKeyboardEvent, PointerEvent as ReactPointerEvent } from "react";

import { dropIndex, moveItem } from "./ranking";

type Drag = { pointerId: number; from: number; to: number; middles: number[] };

const preview = (attachment: ComparisonAttachment): string =>
  attachment.type === "text"
    ? attachment.content.length > 120
      ? `${attachment.content.slice(0, 117)}…`
      : attachment.content
    : `${attachment.type}: ${attachment.content}`;

/**
 * The attachments in ranked order, best first. An entry is moved by dragging its handle with the
 * pointer, or by focusing it and pressing Alt+↑ / Alt+↓; each finished move is one change.
 */
export const RankingList = ({
  attachments,
  order,
  onOrder,
  readOnly,
}: {
  attachments: readonly ComparisonAttachment[];
  order: readonly number[];
  onOrder: (order: number[]) => void;
  readOnly: boolean;
}) => {
  const list = useRef<HTMLOListElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  // A keyboard move re-orders the DOM, which may drop focus; the moved entry's handle keeps it.
  const refocus = useRef<number | null>(null);

  useEffect(() => {
    const attachment = refocus.current;
    refocus.current = null;
    if (attachment === null) return;
    const handle = list.current?.querySelector<HTMLElement>(
      `[data-attachment="${attachment}"] [data-handle]`,
    );
    if (handle && document.activeElement !== handle) handle.focus();
  }, [order]);

  const shown = drag ? moveItem(order, drag.from, drag.to) : order;

  const onPointerDown = (event: ReactPointerEvent<HTMLElement>, position: number) => {
    if (readOnly || event.button !== 0 || !list.current) return;
    // No text selection while dragging; focus still goes to the handle, for Alt+arrows next.
    event.preventDefault();
    event.currentTarget.focus();
    event.currentTarget.setPointerCapture(event.pointerId);
    const middles = [...list.current.children].map((item) => {
      const rect = item.getBoundingClientRect();
      return rect.top + rect.height / 2;
    });
    setDrag({ pointerId: event.pointerId, from: position, to: position, middles });
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLElement>) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const to = dropIndex(event.clientY, drag.middles, drag.from);
    if (to !== drag.to) setDrag({ ...drag, to });
  };
  const onPointerUp = (event: ReactPointerEvent<HTMLElement>) => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    setDrag(null);
    if (drag.to !== drag.from) onOrder(moveItem(order, drag.from, drag.to));
  };
  const onKeyDown = (event: ReactKeyboardEvent<HTMLElement>, position: number) => {
    if (readOnly || !event.altKey) return;
    const step = event.key === "ArrowUp" ? -1 : event.key === "ArrowDown" ? 1 : 0;
    const to = position + step;
    if (step === 0 || to < 0 || to >= order.length) return;
    event.preventDefault();
    refocus.current = order[position] ?? null;
    onOrder(moveItem(order, position, to));
  };

  return (
    <ol ref={list} aria-label="Ranking, best first" className="space-y-2">
      {shown.map((attachmentIndex, position) => {
        const attachment = attachments[attachmentIndex];
        if (!attachment) return null;
        const dragging = drag !== null && order[drag.from] === attachmentIndex;
        return (
          <li
            key={attachmentIndex}
            data-attachment={attachmentIndex}
            data-rank={position + 1}
            className={`flex items-center gap-3 rounded-lg border bg-white p-2 ${
              dragging ? "border-blue-500 shadow-lg" : "border-slate-200"
            }`}
          >
            <span className="w-8 text-center text-lg font-semibold text-slate-900 tabular-nums">
              {position + 1}
            </span>
            <button
              type="button"
              data-handle=""
              disabled={readOnly}
              aria-label={`Output ${attachmentIndex + 1}, rank ${position + 1}. Drag, or press Alt+Up or Alt+Down to move`}
              className="cursor-grab touch-none rounded-md border border-slate-300 bg-slate-50 px-2 py-1 text-slate-600 select-none focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:outline-none active:cursor-grabbing disabled:cursor-default"
              onPointerDown={(event) => onPointerDown(event, position)}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={() => setDrag(null)}
              onKeyDown={(event) => onKeyDown(event, position)}
            >
              <span aria-hidden="true">⠿</span>
            </button>
            <span className="min-w-0 flex-1">
              <span className="block text-sm font-medium text-slate-900">
                Output {attachmentIndex + 1}
              </span>
              <span className="block truncate text-xs text-slate-600">{preview(attachment)}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
};
