"use client";

import { useRouter } from "next/navigation";

import { Button, ButtonLink, SelectField, TextField } from "~/components/ui";

import { FILTER_KEYS, PAGE_SIZES, tasksHref } from "./query";
import type { Filters } from "./query";

export type FilterOptions = {
  statuses: readonly string[];
  types: readonly string[];
  reviewStatuses: readonly string[];
  /** Null when the names could not be listed; the field is then typed in. */
  projects: readonly string[] | null;
  batches: readonly string[] | null;
};

const Choice = ({
  label,
  name,
  value,
  options,
}: {
  label: string;
  name: string;
  value: string | undefined;
  options: readonly string[] | null;
}) =>
  options ? (
    <SelectField label={label} name={name} defaultValue={value ?? ""}>
      <option value="">Any</option>
      {/* A value from a shared link that is not (or no longer) an option still shows. */}
      {value && !options.includes(value) ? <option value={value}>{value}</option> : null}
      {options.map((option) => (
        <option key={option} value={option}>
          {option.replace(/_/g, " ")}
        </option>
      ))}
    </SelectField>
  ) : (
    <TextField label={label} name={name} defaultValue={value ?? ""} />
  );

/** Date filters as <input type="date">; values are UTC days, which is what the list API reads. */
const DATE_FILTERS = [
  ["start_time", "Created after"],
  ["end_time", "Created before"],
  ["updated_after", "Updated after"],
  ["updated_before", "Updated before"],
  ["completed_after", "Completed after"],
  ["completed_before", "Completed before"],
] as const;

const asDateValue = (value: string | undefined) =>
  value && /^\d{4}-\d\d-\d\d/.test(value) ? value.slice(0, 10) : "";

/**
 * The filters as a GET form: without JavaScript it still works (the server reads the same
 * parameters); with it, the URL is built without empty fields and pushed, so Back undoes a filter.
 * Changing a filter always starts again from the first page.
 */
export const FiltersForm = ({
  filters,
  limit,
  options,
}: {
  filters: Filters;
  limit: string;
  options: FilterOptions;
}) => {
  const router = useRouter();
  const active = Object.keys(filters).length > 0;
  return (
    <form
      method="get"
      action="/tasks"
      aria-label="Filter tasks"
      className="mb-4 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const next: Filters = {};
        for (const key of FILTER_KEYS) {
          const value = form.get(key);
          if (typeof value === "string" && value.trim()) next[key] = value.trim();
        }
        const size = form.get("limit");
        router.push(tasksHref(next, typeof size === "string" ? size : limit));
      }}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Choice label="Status" name="status" value={filters.status} options={options.statuses} />
        <Choice label="Type" name="type" value={filters.type} options={options.types} />
        <Choice
          label="Review status"
          name="customer_review_status"
          value={filters.customer_review_status}
          options={options.reviewStatuses}
        />
        <Choice label="Project" name="project" value={filters.project} options={options.projects} />
        <Choice label="Batch" name="batch" value={filters.batch} options={options.batches} />
        <TextField
          label="Tags"
          name="tags"
          defaultValue={filters.tags ?? ""}
          hint="Comma-separated; tasks with all of them."
        />
        <TextField label="Unique id" name="unique_id" defaultValue={filters.unique_id ?? ""} />
        <SelectField label="Rows per page" name="limit" defaultValue={limit}>
          {PAGE_SIZES.includes(Number(limit) as (typeof PAGE_SIZES)[number]) ? null : (
            <option value={limit}>{limit}</option>
          )}
          {PAGE_SIZES.map((size) => (
            <option key={size} value={String(size)}>
              {size}
            </option>
          ))}
        </SelectField>
      </div>
      <details className="mt-3" open={DATE_FILTERS.some(([key]) => filters[key])}>
        <summary className="cursor-pointer text-sm font-medium text-slate-700">Date ranges</summary>
        <div className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {DATE_FILTERS.map(([key, label]) => (
            <TextField
              key={key}
              type="date"
              label={label}
              name={key}
              defaultValue={asDateValue(filters[key])}
            />
          ))}
        </div>
      </details>
      <div className="mt-4 flex flex-wrap gap-2">
        <Button type="submit">Apply filters</Button>
        {active ? (
          <ButtonLink href={tasksHref({}, limit)} variant="secondary">
            Clear filters
          </ButtonLink>
        ) : null}
      </div>
    </form>
  );
};
