"use client";

import { TASK_TYPE_IDS, taskTypes } from "@taskforge/schema";
import { useState } from "react";

import { SelectField } from "~/components/ui";

import { BulkUpload } from "./bulk-upload";
import { SingleTaskForm } from "./single-task-form";

type Mode = "one" | "file";

/** Choose a type, then create one task through a form or many from a file. */
export const CreateTasks = ({
  projects,
  batch,
}: {
  projects: { name: string; type: string }[];
  batch: string;
}) => {
  const [type, setType] = useState<string>(TASK_TYPE_IDS[0] ?? "categorization");
  const [mode, setMode] = useState<Mode>("one");
  const definition = taskTypes[type as keyof typeof taskTypes];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <div className="w-72">
          <SelectField
            label="Task type"
            value={type}
            onChange={(event) => setType(event.target.value)}
          >
            {TASK_TYPE_IDS.map((id) => (
              <option key={id} value={id}>
                {taskTypes[id].title} ({id})
              </option>
            ))}
          </SelectField>
        </div>
        <div
          role="group"
          aria-label="How many tasks"
          className="inline-flex rounded-md border border-slate-300"
        >
          {(
            [
              ["one", "One task"],
              ["file", "Many from a file"],
            ] as const
          ).map(([value, label]) => (
            <button
              key={value}
              type="button"
              aria-pressed={mode === value}
              onClick={() => setMode(value)}
              className={`px-3 py-2 text-sm first:rounded-l-md last:rounded-r-md focus:outline-2 focus:outline-brand-600/40 ${
                mode === value
                  ? "bg-brand-600 text-white"
                  : "bg-white text-slate-700 hover:bg-slate-50"
              }`}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      {definition ? <p className="text-sm text-slate-600">{definition.description}</p> : null}
      {mode === "one" ? (
        // Remounted per type: the generated form belongs to one schema.
        <SingleTaskForm key={type} type={type} projects={projects} batch={batch} />
      ) : (
        <BulkUpload defaultType={type} />
      )}
    </div>
  );
};
