import { healthResponse } from "~/server/health";

export const dynamic = "force-dynamic";

// `pnpm start` answers it in its node:http entry (src/server/http) without loading this route;
// this serves `next dev`.
export const GET = healthResponse;
