import { describe, expect, it } from "vitest";

import { destinationOf } from "./destinations";
import { tallyDestinations } from "./store";
import type { AttemptOutcome, DestinationHealth } from "./store";

const outcome = (destination: string, health: DestinationHealth, error: string | null = null) =>
  ({
    delivery: { destination } as AttemptOutcome["delivery"],
    attempt: {
      startedAt: new Date(),
      latencyMs: 1,
      statusCode: null,
      error,
      responseExcerpt: null,
    },
    verdict: { kind: "succeeded" },
    health,
  }) satisfies AttemptOutcome;

describe("callback destinations", () => {
  it("keys a URL by its origin and an email address by its domain", () => {
    expect(destinationOf("https://Hooks.Example.com/a/b?c=1")).toBe("https://hooks.example.com");
    expect(destinationOf("https://hooks.example.com:443/x")).toBe("https://hooks.example.com");
    expect(destinationOf("http://127.0.0.1:8080/cb")).toBe("http://127.0.0.1:8080");
    expect(destinationOf("ML-Team@Example.org")).toBe("mailto:example.org");
    expect(destinationOf("not a url")).toBe("not a url");
  });

  it("counts answers, failures and the failures since the last answer, in finishing order", () => {
    const tallies = tallyDestinations([
      outcome("a", "down", "timeout"),
      outcome("a", "up"),
      outcome("a", "down", "refused"),
      outcome("a", "down", "answered 503"),
      outcome("b", "down", "timeout"),
      outcome("c", null, "not a valid URL"),
    ]);
    expect(Object.fromEntries(tallies)).toEqual({
      a: { answers: 1, failures: 3, trailingFailures: 2, lastError: "answered 503" },
      b: { answers: 0, failures: 1, trailingFailures: 1, lastError: "timeout" },
    });
  });
});
