import type { Permission } from "@taskforge/schema";
import { z } from "zod";

import { operationDef } from "../operations";
import type { RestRoute } from "../route";
import { batchRoutes } from "./batches";
import { callbackRoutes } from "./callbacks";
import { exportRoutes } from "./exports";
import { fileRoutes } from "./files";
import { importRoutes } from "./imports";
import { projectRoutes } from "./projects";
import { qualityRoutes } from "./quality";
import { studioRoutes } from "./studio";
import { taskRoutes } from "./tasks";
import { teamRoutes } from "./teams";

/** A route with what its operation declares: the access rule and the input schema. */
export type DeclaredRestRoute = RestRoute & { access: Permission; input: z.ZodType };

const PERMISSIONLESS = new Set(["public", "signed_in", "worker", "platform_admin"]);

// An API key acts for an organization, so every route's operation must be one of an organization's
// (a permission); anything else fails here, at start-up, rather than answering oddly.
const declared = (route: RestRoute): DeclaredRestRoute => {
  const def = operationDef(route.operation);
  const access = def?.meta?.access;
  if (!def || !access || PERMISSIONLESS.has(access))
    throw new Error(
      `${route.method} ${route.path} maps to ${route.operation}, ${def ? `whose access is ${access}` : "which is no procedure"}`,
    );
  const alternate = route.alternate && operationDef(route.alternate.operation);
  if (route.alternate && alternate?.meta?.access !== access)
    throw new Error(
      `${route.method} ${route.path}: its alternate operation has another access rule`,
    );
  const [input] = def.inputs;
  return {
    ...route,
    access: access as Permission,
    input: input instanceof z.ZodType ? input : z.unknown(),
  };
};

/** Every `/v1` route, each with the access rule and input schema of its operation. */
export const restRoutes: DeclaredRestRoute[] = [
  ...taskRoutes,
  ...projectRoutes,
  ...batchRoutes,
  ...callbackRoutes,
  ...exportRoutes,
  ...importRoutes,
  ...fileRoutes,
  ...teamRoutes,
  ...qualityRoutes,
  ...studioRoutes,
].map(declared);
