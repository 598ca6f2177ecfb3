import { findUnstorableJson } from "@taskforge/schema";

import { invalidInput } from "./errors";

/**
 * The edges (REST bodies, tRPC inputs, import rows) refuse, before any input schema or service sees
 * them, text PostgreSQL cannot store (NUL, unpaired surrogates), `__proto__` keys and JSON nested
 * deeper than MAX_JSON_DEPTH, naming the field.
 */
export const findUnstorableText = findUnstorableJson;

/** Throws a 400 naming the field when `value` holds JSON the database cannot store or keep readable. */
export const assertStorableText = (value: unknown, prefix: (string | number)[] = []) => {
  const found = findUnstorableJson(value, prefix);
  if (found) throw invalidInput([found]);
};
