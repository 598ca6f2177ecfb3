"use client";

import { useCallback, useMemo, useState } from "react";

import { TextAreaField } from "~/components/ui";

import { ExamplePreview, FillExampleButtons } from "./example-loader";
import { buildValue, errorAt, EXTRA_FIELD, leafNames, stateFromValue } from "./form-state";
import type { BuildResult, FormState } from "./form-state";
import { ParamsForm } from "./params-form";
import { paramsExamplesFor, paramsFieldsFor } from "./params-schema";

export type ParamsMode = "form" | "json";

export type EditorSnapshot = { mode: ParamsMode; state: FormState; jsonText: string };

const PARAMS = "params";

/**
 * A type's params edited either through the generated form or as JSON text; switching carries the
 * value across. `build()` gives the params, or the problems found before sending.
 */
export const useParamsEditor = (type: string, initial: unknown = {}) => {
  const fields = useMemo(() => paramsFieldsFor(type), [type]);
  const [mode, setModeState] = useState<ParamsMode>("form");
  const [state, setState] = useState<FormState>(() => stateFromValue(fields, initial));
  const [jsonText, setJsonText] = useState(() => JSON.stringify(initial, null, 2));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  // A new type has other fields: start its params afresh (React's "reset state on prop change").
  const [forType, setForType] = useState(type);
  if (forType !== type) {
    setForType(type);
    setState({});
    setJsonText("{}");
    setLocalErrors({});
  }

  const build = useCallback((): BuildResult => {
    if (mode === "form") return buildValue(fields, state, PARAMS);
    try {
      const value = JSON.parse(jsonText.trim() === "" ? "{}" : jsonText) as unknown;
      if (value === null || typeof value !== "object" || Array.isArray(value))
        return { value: {}, errors: { [PARAMS]: "must be a JSON object" } };
      return { value: value as Record<string, unknown>, errors: {} };
    } catch (error) {
      return {
        value: {},
        errors: { [PARAMS]: `must be valid JSON (${(error as Error).message})` },
      };
    }
  }, [fields, jsonText, mode, state]);

  const load = useCallback(
    (value: unknown) => {
      setState(stateFromValue(fields, value));
      setJsonText(JSON.stringify(value, null, 2));
      setLocalErrors({});
    },
    [fields],
  );

  /** What the editor holds now, to put back with `restore` (undoing a loaded example). */
  const snapshot = (): EditorSnapshot => ({ mode, state, jsonText });
  const restore = (saved: EditorSnapshot) => {
    setModeState(saved.mode);
    setState(saved.state);
    setJsonText(saved.jsonText);
    setLocalErrors({});
  };

  /** Switches view, refusing (with the problems shown) while the current one cannot be read. */
  const setMode = (next: ParamsMode) => {
    if (next === mode) return;
    const built = build();
    if (Object.keys(built.errors).length > 0) {
      setLocalErrors(built.errors);
      return;
    }
    setLocalErrors({});
    if (next === "json") setJsonText(JSON.stringify(built.value, null, 2));
    else setState(stateFromValue(fields, built.value));
    setModeState(next);
  };

  return {
    type,
    fields,
    mode,
    setMode,
    state,
    setField: (name: string, value: string | boolean) =>
      setState((current) => ({ ...current, [name]: value })),
    jsonText,
    setJsonText,
    localErrors,
    setLocalErrors,
    build,
    load,
    snapshot,
    restore,
    examples: paramsExamplesFor(type),
    /** The error paths the editor shows at a field (the rest belong in a summary). */
    shownNames: mode === "json" ? [PARAMS] : [...leafNames(fields), `${PARAMS}.${EXTRA_FIELD}`],
  };
};

export type ParamsEditorState = ReturnType<typeof useParamsEditor>;

/** The params editor: a form/JSON switch, the type's examples and the fields with their errors. */
export const ParamsEditor = ({
  editor,
  errors,
  partial = false,
  examples = "fill",
}: {
  editor: ParamsEditorState;
  /** Server errors keyed by dotted path. */
  errors: Record<string, string>;
  /** Project params may leave out required params (tasks supply them). */
  partial?: boolean;
  /**
   * `fill`: "Load example" fills the editor at once (one task, checked before it is sent).
   * `preview`: the example is shown beside the editor and copied in only on request, undoably, so
   * saved defaults (project params) never take an example's values by a stray click.
   */
  examples?: "fill" | "preview";
}) => {
  const allErrors = { ...errors, ...editor.localErrors };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div
          role="group"
          aria-label="Edit params as"
          className="inline-flex rounded-md border border-slate-300"
        >
          {(["form", "json"] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              aria-pressed={editor.mode === mode}
              onClick={() => editor.setMode(mode)}
              className={`px-3 py-1 text-sm first:rounded-l-md last:rounded-r-md focus:outline-2 focus:outline-brand-600/40 ${
                editor.mode === mode
                  ? "bg-brand-600 text-white"
                  : "bg-white text-slate-700 hover:bg-slate-50"
              }`}
            >
              {mode === "form" ? "Form" : "JSON"}
            </button>
          ))}
        </div>
        {examples === "fill" ? <FillExampleButtons editor={editor} /> : null}
      </div>
      {examples === "preview" ? <ExamplePreview key={editor.type} editor={editor} /> : null}
      {editor.mode === "form" ? (
        <ParamsForm
          fields={editor.fields}
          state={editor.state}
          onChange={editor.setField}
          errors={allErrors}
          prefix="params"
          showRequired={!partial}
        />
      ) : (
        <TextAreaField
          label="Params (JSON object)"
          rows={14}
          value={editor.jsonText}
          onChange={(event) => editor.setJsonText(event.target.value)}
          error={errorAt("params", allErrors)}
        />
      )}
    </div>
  );
};
