"use client";

import { formatIssuePath } from "@taskforge/schema";
import type { NerRelationshipType, ResponseIssue } from "@taskforge/schema";
import { useId, useState } from "react";

import { issuesUnder } from "../issues";
import { allowedRelationshipTypes, nextId } from "./spans";
import type { NerValue } from "./value";

const selectClass =
  "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600";

/**
 * Links two entities with one of the params' relationship types: pick the source, the target
 * and the relation (only the types whose `source_labels`/`target_labels` fit are offered).
 */
export const RelationshipsPanel = ({
  types,
  value,
  issues,
  readOnly,
  onChange,
}: {
  types: readonly NerRelationshipType[];
  value: NerValue;
  issues: readonly ResponseIssue[];
  readOnly?: boolean | undefined;
  onChange: (value: NerValue) => void;
}) => {
  const { annotations, relationships } = value;
  const id = useId();
  const [sourceId, setSourceId] = useState("");
  const [targetId, setTargetId] = useState("");
  const [name, setName] = useState("");
  const byId = new Map(annotations.map((annotation) => [annotation.id, annotation]));
  const source = byId.get(sourceId);
  const target = byId.get(targetId);
  const allowed = allowedRelationshipTypes(types, source?.label, target?.label);
  const chosen = allowed.some((type) => type.name === name) ? name : (allowed[0]?.name ?? "");
  const repeated = relationships.some(
    (r) => r.source_ref === sourceId && r.target_ref === targetId && r.name === chosen,
  );
  const canAdd =
    source !== undefined && target !== undefined && sourceId !== targetId && chosen !== "";
  const describe = (ref: string) => {
    const annotation = byId.get(ref);
    return annotation ? `“${annotation.text}” (${annotation.label})` : ref;
  };

  return (
    <section className="space-y-2" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="text-sm font-semibold text-slate-800">
        Relationships ({relationships.length})
      </h3>
      {readOnly ? null : (
        <div className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col text-xs text-slate-700">
            From
            <select
              className={selectClass}
              aria-label="Relationship source"
              value={sourceId}
              onChange={(event) => setSourceId(event.target.value)}
            >
              <option value="">Choose an entity</option>
              {annotations.map((annotation) => (
                <option key={annotation.id} value={annotation.id}>
                  {annotation.text} ({annotation.label})
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs text-slate-700">
            Relation
            <select
              className={selectClass}
              aria-label="Relationship type"
              value={chosen}
              onChange={(event) => setName(event.target.value)}
              disabled={allowed.length === 0}
            >
              {allowed.length === 0 ? <option value="">No relation fits</option> : null}
              {allowed.map((type) => (
                <option key={type.name} value={type.name} title={type.description}>
                  {type.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs text-slate-700">
            To
            <select
              className={selectClass}
              aria-label="Relationship target"
              value={targetId}
              onChange={(event) => setTargetId(event.target.value)}
            >
              <option value="">Choose an entity</option>
              {annotations
                .filter((annotation) => annotation.id !== sourceId)
                .map((annotation) => (
                  <option key={annotation.id} value={annotation.id}>
                    {annotation.text} ({annotation.label})
                  </option>
                ))}
            </select>
          </label>
          <button
            type="button"
            disabled={!canAdd || repeated}
            onClick={() => {
              onChange({
                annotations,
                relationships: [
                  ...relationships,
                  {
                    id: nextId(relationships, "r"),
                    source_ref: sourceId,
                    target_ref: targetId,
                    name: chosen,
                  },
                ],
              });
              setTargetId("");
            }}
            className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50"
          >
            Add relationship
          </button>
        </div>
      )}
      {relationships.length === 0 ? null : (
        <ul className="space-y-1 text-sm" aria-label="Relationships">
          {relationships.map((relationship, index) => {
            const own = issuesUnder(issues, ["relationships", index]);
            return (
              <li
                key={relationship.id}
                className={`flex flex-wrap items-center gap-2 ${own.length > 0 ? "bg-red-50" : ""}`}
              >
                <span className="font-medium">{describe(relationship.source_ref)}</span>
                <span className="text-slate-600">→ {relationship.name ?? "related to"} →</span>
                <span className="font-medium">{describe(relationship.target_ref)}</span>
                {readOnly ? null : (
                  <button
                    type="button"
                    aria-label={`Remove relationship ${relationship.id}`}
                    onClick={() =>
                      onChange({
                        annotations,
                        relationships: relationships.filter((r) => r.id !== relationship.id),
                      })
                    }
                    className="ml-auto rounded-sm px-1.5 text-xs text-red-700 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600"
                  >
                    Remove
                  </button>
                )}
                {own.length > 0 ? (
                  <ul className="basis-full list-disc pl-5 text-xs text-red-700">
                    {own.map((issue, issueIndex) => (
                      <li key={issueIndex}>
                        {issue.path.length > 0 ? (
                          <code>{formatIssuePath(issue.path)}: </code>
                        ) : null}
                        {issue.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
};
