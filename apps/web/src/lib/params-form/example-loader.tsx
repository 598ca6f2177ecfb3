"use client";

import { useState } from "react";

import { Button } from "~/components/ui";

import type { EditorSnapshot, ParamsEditorState } from "./params-editor";

/** The examples a type offers: the first three of the registry's. */
const shownExamples = (editor: ParamsEditorState) => editor.examples.slice(0, 3);

/** "Load example" buttons that fill the editor at once: for one task, checked before it is sent. */
export const FillExampleButtons = ({ editor }: { editor: ParamsEditorState }) =>
  editor.examples.length > 0 ? (
    <div className="flex flex-wrap items-center gap-2">
      {shownExamples(editor).map((example, index) => (
        <Button
          key={example.name}
          variant="secondary"
          size="sm"
          onClick={() => editor.load(example.params)}
          aria-label={`Load example: ${example.name}`}
        >
          {index === 0 ? "Load example" : `Example ${index + 1}`}
        </Button>
      ))}
    </div>
  ) : null;

/**
 * Examples for saved defaults (a project's params). An example is first shown read-only beside the
 * editor, and only copied in when asked; the copy can be undone. A project's params are every
 * task's defaults, so an example's attachment or labels saved by a stray click would quietly end
 * up in real tasks: the editor (and so what is saved) only ever holds what the person chose.
 */
export const ExamplePreview = ({ editor }: { editor: ParamsEditorState }) => {
  const [shown, setShown] = useState<{ name: string; params: unknown } | null>(null);
  const [copied, setCopied] = useState<{ name: string; before: EditorSnapshot } | null>(null);
  if (editor.examples.length === 0) return null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <span>Examples of this type&apos;s params:</span>
        {shownExamples(editor).map((example) => (
          <Button
            key={example.name}
            variant="secondary"
            size="sm"
            aria-pressed={shown?.name === example.name}
            onClick={() => setShown(shown?.name === example.name ? null : example)}
          >
            Show example: {example.name}
          </Button>
        ))}
      </div>
      {shown ? (
        <section
          aria-label={`Example: ${shown.name}`}
          className="space-y-2 rounded-md border border-dashed border-slate-300 bg-slate-50 p-3"
        >
          <p className="text-xs text-slate-600">
            For reference only: nothing here is saved. Copying it replaces the params in the editor
            below, which become the defaults of every task of the project.
          </p>
          <pre className="max-h-64 overflow-auto text-xs text-slate-800">
            {JSON.stringify(shown.params, null, 2)}
          </pre>
          <div className="flex flex-wrap gap-2">
            <Button
              size="sm"
              onClick={() => {
                setCopied({ name: shown.name, before: editor.snapshot() });
                editor.load(shown.params);
                setShown(null);
              }}
            >
              Copy into the editor
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setShown(null)}>
              Close example
            </Button>
          </div>
        </section>
      ) : null}
      {copied ? (
        <div
          role="status"
          className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900"
        >
          <span>
            The editor now holds the example &ldquo;{copied.name}&rdquo;: check every value before
            saving.
          </span>
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              editor.restore(copied.before);
              setCopied(null);
            }}
          >
            Undo: put back the params I had
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setCopied(null)}>
            Keep the example
          </Button>
        </div>
      ) : null}
    </div>
  );
};
