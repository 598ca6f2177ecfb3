import type { TaskListQueryInput } from "@taskforge/schema";

// The Tasks page keeps its whole state in the URL so a view can be shared and the back button
// works. Filter parameters carry the list API's own names (the same as `GET /v1/tasks`).

export const FILTER_KEYS = [
  "status",
  "type",
  "customer_review_status",
  "project",
  "batch",
  "tags",
  "unique_id",
  "start_time",
  "end_time",
  "updated_after",
  "updated_before",
  "completed_after",
  "completed_before",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** Keyset tokens of the earlier pages, joined by "." (a character base64 never contains). */
const STACK_SEPARATOR = ".";

export type PageState = {
  filters: Filters;
  /** As typed in the URL; the list API validates it and answers 400 with the field when wrong. */
  limit: string;
  nextToken?: string;
  /** Tokens of the pages before this one, oldest first ("" is the first page). */
  previous: string[];
};

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.trim() ?? "";

export const pageStateFrom = (params: SearchParams): PageState => {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = first(params[key]);
    if (value) filters[key] = value;
  }
  const nextToken = first(params.next_token);
  const previous = first(params.prev);
  return {
    filters,
    limit: first(params.limit) || String(DEFAULT_PAGE_SIZE),
    ...(nextToken ? { nextToken } : {}),
    previous: nextToken ? (previous ? previous.split(STACK_SEPARATOR) : [""]) : [],
  };
};

/** The `tasks.list` input of a page: tags are typed comma-separated, the API wants a list. */
export const listInputOf = (state: PageState): TaskListQueryInput => {
  const { tags, status, ...rest } = state.filters;
  const tagList = tags
    ?.split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
  return {
    ...rest,
    // Unchecked on purpose: the procedure validates every value, and a wrong one in a hand-edited
    // URL comes back as a 400 naming the field, which the page shows.
    ...(status ? { status: status as TaskListQueryInput["status"] } : {}),
    ...(tagList?.length ? { tags: tagList } : {}),
    limit: state.limit,
    ...(state.nextToken ? { next_token: state.nextToken } : {}),
  };
};

/** `/tasks?...` for filters and a page; the defaults are left out to keep links short. */
export const tasksHref = (
  filters: Filters,
  limit: string,
  page: { token?: string; previous?: string[] } = {},
): string => {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (limit !== String(DEFAULT_PAGE_SIZE)) params.set("limit", limit);
  if (page.token) {
    params.set("next_token", page.token);
    // The first page's "" need not be written: a token without `prev` implies it.
    const previous = page.previous ?? [];
    if (previous.length > 1 || (previous[0] ?? "") !== "")
      params.set("prev", previous.join(STACK_SEPARATOR));
  }
  const query = params.toString();
  return query ? `/tasks?${query}` : "/tasks";
};

/** Links of the next and previous pages from this one. */
export const pageLinks = (state: PageState, nextToken: string | undefined) => {
  const here = state.nextToken ?? "";
  const next = nextToken
    ? tasksHref(state.filters, state.limit, {
        token: nextToken,
        previous: [...state.previous, here],
      })
    : undefined;
  let previous: string | undefined;
  if (state.nextToken) {
    const stack = state.previous.slice(0, -1);
    const token = state.previous.at(-1) ?? "";
    previous = tasksHref(state.filters, state.limit, token ? { token, previous: stack } : {});
  }
  return { next, previous, pageNumber: state.previous.length + 1 };
};
