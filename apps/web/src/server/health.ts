import { runtimeState } from "./runtime";

/** `{status: "ok"}` once the database is open and migrated; 503 while starting or after a failure. */
export const healthResponse = async (): Promise<Response> => {
  const state = await runtimeState();
  return state === "ready"
    ? Response.json({ status: "ok" })
    : Response.json({ status: state }, { status: 503, headers: { "retry-after": "1" } });
};
