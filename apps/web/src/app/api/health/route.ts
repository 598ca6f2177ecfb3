import { runtimeState } from "~/server/runtime";

export const dynamic = "force-dynamic";

export const GET = async () => {
  const state = await runtimeState();
  return state === "ready"
    ? Response.json({ status: "ok" })
    : Response.json({ status: state }, { status: 503, headers: { "retry-after": "1" } });
};
