import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import type { ZxcvbnResult } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

import { invalidInput } from "../../errors";

/**
 * A new password must be at least this hard to guess on zxcvbn's 0-4 scale: 2 means about 10^6
 * guesses or more. Below it are repeats (`aaaaaaaaaa`), keyboard rows, sequences, the most common
 * passwords of its offline lists and small variations of them (`Password1!`), and the person's own
 * email, name or organization.
 */
export const MIN_PASSWORD_SCORE = 2;

// Built on first use: the dictionaries take a moment to index.
let estimator: ZxcvbnFactory | undefined;

const REASONS: Record<string, string> = {
  simpleRepeat: "repeats a character or a short pattern",
  extendedRepeat: "repeats a character or a short pattern",
  straightRow: "is a row of keys on the keyboard",
  keyPattern: "is a pattern of keys on the keyboard",
  sequences: "is a sequence such as abc or 123",
  recentYears: "is mostly a recent year",
  dates: "is mostly a date",
  topTen: "is one of the most common passwords",
  topHundred: "is one of the most common passwords",
  common: "is a commonly used password",
  similarToCommon: "is a small change to a commonly used password",
  wordByItself: "is a single common word",
  namesByThemselves: "is a common name",
  commonNames: "is a common name",
  userInputs: "contains your email, name or organization",
};

const reasonOf = (result: ZxcvbnResult) =>
  REASONS[result.feedback.warning ?? ""] ?? "is too easy to guess";

/**
 * Throws a 400 naming `field` when the password is too easy to guess; `personal` (email, name,
 * organization) counts as guessable too.
 */
export const assertStrongPassword = (
  password: string,
  personal: (string | null | undefined)[],
  field = "password",
) => {
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  const inputs = personal.flatMap((value) => (value ? [value, ...value.split(/[@.\s_-]+/)] : []));
  const result = estimator.check(
    password,
    inputs.filter((input) => input.length >= 3),
  );
  if (result.score >= MIN_PASSWORD_SCORE) return;
  throw invalidInput([
    {
      path: [field],
      message: `${reasonOf(result)}: choose a longer or less predictable one (several unrelated words work well)`,
    },
  ]);
};
