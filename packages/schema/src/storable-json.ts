import { z } from "zod";

import type { ResponseIssue } from "./task-types/issues";

/**
 * How deeply objects and arrays may nest in any JSON the API accepts (a request body, a tRPC input,
 * an import row), counting the outermost value as level 1. Deeper JSON used to be stored and then
 * overflow the stack of whatever read it back (renderers, serializers), answering 500 forever after.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * PostgreSQL cannot store a NUL character in text or jsonb, nor a lone UTF-16 surrogate in jsonb:
 * such input used to reach the database and come back as a 500.
 */
// NUL is exactly what this looks for.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// JSON.parse makes `__proto__` an own key, but copying it (zod's record, spreads into Prisma data)
// sets the copy's prototype instead: the key silently vanished and the copy inherited its fields.
const FORBIDDEN_KEY = 'is not allowed as a key ("__proto__" would replace the object\'s prototype)';

const TOO_DEEP = `is nested too deeply: at most ${MAX_JSON_DEPTH} levels of objects and arrays are allowed`;

const describe = (text: string) =>
  text.includes("\u0000")
    ? "must not contain NUL (\\u0000) characters"
    : "must not contain unpaired UTF-16 surrogates";

type Node = { value: unknown; depth: number; key?: string | number; parent?: Node };

// Paths are rebuilt from parent links only on a hit, so a deeply nested value costs linear time.
const pathOf = (node: Node, prefix: (string | number)[]): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let at: Node | undefined = node; at?.key !== undefined; at = at.parent) path.push(at.key);
  return [...prefix, ...path.reverse()];
};

const isContainer = (value: unknown): value is object =>
  value !== null && typeof value === "object";

/**
 * The first thing in `value` the database cannot store or a reader cannot walk back, as a field
 * path and message, or null: text with NUL or unpaired surrogates, a `__proto__` key, or nesting
 * deeper than MAX_JSON_DEPTH. The walk is iterative, so no input can overflow the stack here.
 */
export const findUnstorableJson = (
  value: unknown,
  prefix: (string | number)[] = [],
): ResponseIssue | null => {
  const stack: Node[] = [{ value, depth: isContainer(value) ? 1 : 0 }];
  while (stack.length) {
    const node = stack.pop() as Node;
    const current = node.value;
    if (typeof current === "string") {
      if (UNSTORABLE.test(current))
        return { path: pathOf(node, prefix), message: describe(current) };
      continue;
    }
    if (!isContainer(current)) continue;
    if (node.depth > MAX_JSON_DEPTH) return { path: pathOf(node, prefix), message: TOO_DEEP };
    const depth = node.depth + 1;
    if (Array.isArray(current)) {
      current.forEach((item, key) => stack.push({ value: item, depth, key, parent: node }));
      continue;
    }
    for (const [key, item] of Object.entries(current)) {
      if (UNSTORABLE.test(key)) {
        return { path: [...pathOf(node, prefix), key], message: `key ${describe(key)}` };
      }
      if (key === "__proto__") {
        return { path: [...pathOf(node, prefix), key], message: FORBIDDEN_KEY };
      }
      stack.push({ value: item, depth, key, parent: node });
    }
  }
  return null;
};

/**
 * A JSON object stored as given (metadata, project params, drafts): any keys and values, but only
 * what `findUnstorableJson` lets through. The API's edges check whole inputs first; this keeps
 * in-process callers to the same limits.
 */
export const storableJsonRecord = () =>
  z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const found = findUnstorableJson(value);
    if (found) ctx.addIssue({ code: "custom", path: found.path, message: found.message });
  });
