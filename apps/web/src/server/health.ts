import { getRuntime, runtimeState } from "./runtime";

/** How long the readiness query may take before the instance counts as not ready. */
export const HEALTH_QUERY_TIMEOUT_MS = 3_000;

const unavailable = (status: string, error: string) =>
  Response.json(
    { status, status_code: 503, error },
    { status: 503, headers: { "retry-after": "1" } },
  );

/** Runs `SELECT 1`; resolves with why it failed, or null once it answered. */
const databaseProblem = async (): Promise<string | null> => {
  const { db } = await getRuntime();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`The database did not answer within ${HEALTH_QUERY_TIMEOUT_MS / 1000} s.`),
      HEALTH_QUERY_TIMEOUT_MS,
    );
  });
  const answered = db.sql.query("SELECT 1").then(
    () => null,
    () => "The database cannot be reached.",
  );
  try {
    return await Promise.race([answered, timedOut]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * `{status: "ok"}` once the database is open and migrated and answers a query now; 503 with
 * `{status, status_code, error}` while starting, after a failed start, or while the database does
 * not answer (a load balancer then stops sending this instance requests).
 */
export const healthResponse = async (): Promise<Response> => {
  const state = await runtimeState();
  if (state !== "ready") {
    return unavailable(
      state,
      state === "starting" ? "taskforge is starting." : "taskforge failed to start; see its log.",
    );
  }
  const problem = await databaseProblem();
  return problem ? unavailable("database_unavailable", problem) : Response.json({ status: "ok" });
};
