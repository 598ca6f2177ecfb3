"use client";

import type { LabelChoice } from "@taskforge/schema";

import { colorOf } from "../../colors";

const choiceName = (item: LabelChoice): string => (typeof item === "string" ? item : item.choice);
const choiceDisplay = (item: LabelChoice): string =>
  typeof item === "string" ? item : (item.display ?? item.choice);

/**
 * The labels of one geometry as a tree: parents (Scale's nested `subchoices`) are headings, only
 * leaves can be picked, as `indexLabels` defines them (a choice with no or empty subchoices).
 */
export const LabelPicker = ({
  choices,
  value,
  onPick,
  colors,
  disabled,
  title,
}: {
  choices: readonly LabelChoice[];
  value: string | undefined;
  onPick: (label: string) => void;
  colors: ReadonlyMap<string, string>;
  disabled?: boolean | undefined;
  title: string;
}) => {
  const renderList = (items: readonly LabelChoice[], depth: number) => (
    <ul className={depth > 0 ? "ml-3 border-l border-slate-200 pl-2" : "space-y-0.5"}>
      {items.map((item) => {
        const name = choiceName(item);
        const subchoices = typeof item === "string" ? undefined : item.subchoices;
        if (subchoices && subchoices.length > 0) {
          return (
            <li key={name}>
              <span className="block px-1 pt-1 text-xs font-semibold text-slate-500">
                {choiceDisplay(item)}
              </span>
              {renderList(subchoices, depth + 1)}
            </li>
          );
        }
        const chosen = name === value;
        return (
          <li key={name}>
            <button
              type="button"
              aria-pressed={chosen}
              disabled={disabled}
              onClick={() => onPick(name)}
              className={`flex w-full items-center gap-2 rounded px-2 py-1 text-left text-sm focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-60 ${
                chosen
                  ? "bg-brand-50 font-medium text-brand-800"
                  : "text-slate-700 hover:bg-slate-50"
              }`}
            >
              <span
                aria-hidden="true"
                className="inline-block h-3 w-3 shrink-0 rounded-sm"
                style={{ backgroundColor: colorOf(colors, name) }}
              />
              {choiceDisplay(item)}
            </button>
          </li>
        );
      })}
    </ul>
  );
  return (
    <div role="group" aria-label={title} className="space-y-1">
      <h3 className="text-sm font-semibold text-slate-800">{title}</h3>
      {renderList(choices, 0)}
    </div>
  );
};
