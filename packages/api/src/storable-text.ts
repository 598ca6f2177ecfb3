import type { ResponseIssue } from "@taskforge/schema";

import { invalidInput } from "./errors";

/**
 * PostgreSQL cannot store a NUL character in text or jsonb, nor a lone UTF-16 surrogate in jsonb:
 * such input used to reach the database and come back as a 500. The edges (REST and tRPC) refuse it
 * first, naming the field, together with `__proto__` keys. Only strings and object keys are
 * inspected; the walk is iterative so a deeply nested body cannot overflow the stack here.
 */
// NUL is exactly what this looks for.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// JSON.parse makes `__proto__` an own key, but copying it (zod's record, spreads into Prisma data)
// sets the copy's prototype instead: the key silently vanished and the copy inherited its fields.
const FORBIDDEN_KEY = 'is not allowed as a key ("__proto__" would replace the object\'s prototype)';

const describe = (text: string) =>
  text.includes("\u0000")
    ? "must not contain NUL (\\u0000) characters"
    : "must not contain unpaired UTF-16 surrogates";

type Node = { value: unknown; key?: string | number; parent?: Node };

// Paths are rebuilt from parent links only on a hit, so a deeply nested body costs linear time.
const pathOf = (node: Node, prefix: (string | number)[]): (string | number)[] => {
  const path: (string | number)[] = [];
  for (let at: Node | undefined = node; at?.key !== undefined; at = at.parent) path.push(at.key);
  return [...prefix, ...path.reverse()];
};

/** The first unstorable string or key in `value`, as a field path and message, or null. */
export const findUnstorableText = (
  value: unknown,
  prefix: (string | number)[] = [],
): ResponseIssue | null => {
  const stack: Node[] = [{ value }];
  while (stack.length) {
    const node = stack.pop() as Node;
    const current = node.value;
    if (typeof current === "string") {
      if (UNSTORABLE.test(current))
        return { path: pathOf(node, prefix), message: describe(current) };
    } else if (Array.isArray(current)) {
      current.forEach((item, key) => stack.push({ value: item, key, parent: node }));
    } else if (current !== null && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        if (UNSTORABLE.test(key)) {
          return { path: [...pathOf(node, prefix), key], message: `key ${describe(key)}` };
        }
        if (key === "__proto__") {
          return { path: [...pathOf(node, prefix), key], message: FORBIDDEN_KEY };
        }
        stack.push({ value: item, key, parent: node });
      }
    }
  }
  return null;
};

/** Throws a 400 naming the field when `value` holds text the database cannot store. */
export const assertStorableText = (value: unknown, prefix: (string | number)[] = []) => {
  const found = findUnstorableText(value, prefix);
  if (found) throw invalidInput([found]);
};
