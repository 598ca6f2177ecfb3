"use client";

import type { Task } from "@taskforge/schema";
import Link from "next/link";
import { useSyncExternalStore } from "react";
import type { ReactNode } from "react";

import { Badge, StatusBadge } from "~/components/ui";

export type Column = {
  id: string;
  label: string;
  cell: (task: Task) => ReactNode;
  className?: string;
};

const time = (iso: string | undefined) =>
  iso ? (
    <time dateTime={iso} title={iso} className="whitespace-nowrap tabular-nums">
      {iso.slice(0, 16).replace("T", " ")}
    </time>
  ) : (
    <span className="text-slate-400">—</span>
  );

const text = (value: string | undefined) =>
  value ? value : <span className="text-slate-400">—</span>;

/** Every column the table can show, in display order; the task id always links to the task. */
export const COLUMNS: readonly Column[] = [
  {
    id: "task_id",
    label: "Task id",
    cell: (task) => (
      <Link href={`/tasks/${task.task_id}`} className="font-mono text-xs text-brand-700 underline">
        {task.task_id}
      </Link>
    ),
  },
  { id: "type", label: "Type", cell: (task) => task.type },
  { id: "status", label: "Status", cell: (task) => <StatusBadge status={task.status} /> },
  {
    id: "customer_review_status",
    label: "Review status",
    cell: (task) => <StatusBadge status={task.customer_review_status} />,
  },
  { id: "project", label: "Project", cell: (task) => text(task.project) },
  { id: "batch", label: "Batch", cell: (task) => text(task.batch) },
  { id: "created_at", label: "Created", cell: (task) => time(task.created_at) },
  { id: "updated_at", label: "Updated", cell: (task) => time(task.updated_at) },
  { id: "completed_at", label: "Completed", cell: (task) => time(task.completed_at) },
  {
    id: "instruction",
    label: "Instruction",
    className: "max-w-xs",
    cell: (task) => (
      // Markdown shown as plain text: the list is for scanning, the task page renders it.
      <span className="line-clamp-2 break-words" title={task.instruction}>
        {text(task.instruction)}
      </span>
    ),
  },
  {
    id: "tags",
    label: "Tags",
    cell: (task) =>
      task.tags?.length ? (
        <span className="flex flex-wrap gap-1">
          {task.tags.map((tag) => (
            <Badge key={tag}>{tag}</Badge>
          ))}
        </span>
      ) : (
        text(undefined)
      ),
  },
  { id: "unique_id", label: "Unique id", cell: (task) => text(task.unique_id) },
  { id: "priority", label: "Priority", cell: (task) => task.priority },
  { id: "times_redone", label: "Times redone", cell: (task) => task.times_redone ?? 0 },
  {
    id: "callback_completed",
    label: "Callback",
    cell: (task) =>
      task.callback_url ? (task.callback_completed ? "delivered" : "not yet") : text(undefined),
  },
];

export const DEFAULT_COLUMNS = [
  "task_id",
  "type",
  "status",
  "customer_review_status",
  "project",
  "created_at",
  "tags",
];

const STORAGE_KEY = "taskforge.tasks.columns";

const known = new Set(COLUMNS.map((column) => column.id));

const parseColumns = (raw: string | null): string[] | null => {
  try {
    const parsed: unknown = JSON.parse(raw ?? "null");
    if (!Array.isArray(parsed)) return null;
    return parsed.filter((id): id is string => typeof id === "string" && known.has(id));
  } catch {
    return null;
  }
};

/**
 * The choice as an external store over localStorage (also changed by other tabs). Where storage is
 * disabled (private windows) the choice lives in memory, for this page only.
 */
const choiceStore = (() => {
  const listeners = new Set<() => void>();
  let memory: string | null = null;
  let last: { raw: string | null; ids: string[] } = { raw: null, ids: DEFAULT_COLUMNS };
  const read = () => {
    try {
      return localStorage.getItem(STORAGE_KEY) ?? memory;
    } catch {
      return memory;
    }
  };
  return {
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      window.addEventListener("storage", listener);
      return () => {
        listeners.delete(listener);
        window.removeEventListener("storage", listener);
      };
    },
    snapshot: () => {
      const raw = read();
      if (raw !== last.raw) last = { raw, ids: parseColumns(raw) ?? DEFAULT_COLUMNS };
      return last.ids;
    },
    serverSnapshot: () => DEFAULT_COLUMNS,
    write: (ids: string[]) => {
      memory = JSON.stringify(ids);
      try {
        localStorage.setItem(STORAGE_KEY, memory);
      } catch {
        // Storage can be disabled; the in-memory copy serves this page.
      }
      for (const listener of listeners) listener();
    },
  };
})();

/**
 * The chosen column ids, kept in localStorage. The server renders the defaults; the stored choice
 * is applied once hydrated, since the server cannot read the browser's storage.
 */
export const useColumnChoice = () => {
  const chosen = useSyncExternalStore(
    choiceStore.subscribe,
    choiceStore.snapshot,
    choiceStore.serverSnapshot,
  );
  const toggle = (id: string) =>
    choiceStore.write(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  return { columns: COLUMNS.filter((column) => chosen.includes(column.id)), chosen, toggle };
};

export const ColumnChooser = ({
  chosen,
  toggle,
}: {
  chosen: readonly string[];
  toggle: (id: string) => void;
}) => (
  <details className="relative">
    <summary className="inline-flex cursor-pointer list-none items-center rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600">
      Columns
    </summary>
    <fieldset className="absolute right-0 z-10 mt-1 w-56 space-y-1 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
      <legend className="sr-only">Columns to show</legend>
      {COLUMNS.map((column) => (
        <label key={column.id} className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            checked={chosen.includes(column.id)}
            onChange={() => toggle(column.id)}
            className="size-4 rounded border-slate-300 accent-brand-600"
          />
          {column.label}
        </label>
      ))}
    </fieldset>
  </details>
);
