"use client";

import { formatIssuePath, isRecord } from "@taskforge/schema";
import type { TaskType } from "@taskforge/schema";
import { useState } from "react";

import type { EditorDefinition, EditorProps } from "./types";

/** The fallback for types without a visual editor: the response as JSON text. */
export const JsonEditor = ({ value, onChange, issues, readOnly }: EditorProps) => {
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <label className="block text-sm font-medium text-slate-800" htmlFor="response-json">
        Response (JSON)
      </label>
      <textarea
        id="response-json"
        className="block w-full rounded-md border border-slate-300 p-2 font-mono text-xs"
        rows={14}
        spellCheck={false}
        readOnly={readOnly}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          try {
            const parsed: unknown = JSON.parse(event.target.value);
            if (!isRecord(parsed)) throw new Error("the response must be a JSON object");
            setProblem(null);
            onChange(parsed);
          } catch (error) {
            setProblem((error as Error).message);
          }
        }}
      />
      {problem ? (
        <p role="alert" className="text-sm text-red-700">
          Not valid JSON: {problem}
        </p>
      ) : null}
      {issues.length > 0 ? (
        <ul className="list-disc pl-5 text-sm text-red-700" aria-label="Response problems">
          {issues.map((issue, index) => (
            <li key={index}>
              <code>{formatIssuePath(issue.path) || "response"}</code>: {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
};

export const jsonEditorFor = <T extends TaskType>(): EditorDefinition<T> => ({
  Editor: JsonEditor as EditorDefinition<T>["Editor"],
  initialValue: () => ({}),
  shortcuts: [],
});
