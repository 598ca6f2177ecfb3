"use client";

import type { Task } from "@taskforge/schema";
import { useState } from "react";

import { Table, Td, Th } from "~/components/ui";

import { BulkActions } from "./bulk-actions";
import { ColumnChooser, useColumnChoice } from "./columns";

const checkboxClass = "size-4 rounded border-slate-300 accent-brand-600";

/** The page of tasks with the chosen columns, row selection and the bulk actions over it. */
export const TasksTable = ({
  tasks,
  canManage,
}: {
  tasks: readonly Task[];
  /** Cancel, tag and export a selection: managers only. */
  canManage: boolean;
}) => {
  const { columns, chosen, toggle } = useColumnChoice();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // Only ids on this page count: after a page change or refresh, stale ids drop out by themselves.
  const selectedHere = tasks.filter((task) => selected.has(task.task_id)).map((t) => t.task_id);
  const allSelected = tasks.length > 0 && selectedHere.length === tasks.length;

  const setOne = (taskId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(taskId);
      else next.delete(taskId);
      return next;
    });

  return (
    <div>
      <div className="mb-2 flex items-start justify-between gap-3">
        <div className="flex-1">
          {canManage ? (
            <BulkActions selected={selectedHere} onDone={() => setSelected(new Set())} />
          ) : null}
        </div>
        <ColumnChooser chosen={chosen} toggle={toggle} />
      </div>
      <Table caption="Tasks">
        <thead>
          <tr>
            <Th className="w-8">
              <input
                type="checkbox"
                aria-label="Select all tasks on this page"
                className={checkboxClass}
                checked={allSelected}
                ref={(input) => {
                  if (input) input.indeterminate = selectedHere.length > 0 && !allSelected;
                }}
                onChange={(event) =>
                  setSelected(
                    new Set(event.target.checked ? tasks.map((task) => task.task_id) : []),
                  )
                }
              />
            </Th>
            {columns.map((column) => (
              <Th key={column.id}>{column.label}</Th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {tasks.map((task) => (
            <tr
              key={task.task_id}
              data-task-id={task.task_id}
              className={selected.has(task.task_id) ? "bg-brand-50" : "hover:bg-slate-50"}
            >
              <Td>
                <input
                  type="checkbox"
                  aria-label={`Select task ${task.task_id}`}
                  className={checkboxClass}
                  checked={selected.has(task.task_id)}
                  onChange={(event) => setOne(task.task_id, event.target.checked)}
                />
              </Td>
              {columns.map((column) => (
                <Td key={column.id} className={column.className ?? ""}>
                  {column.cell(task)}
                </Td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
};
