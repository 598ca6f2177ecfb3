import "server-only";

import { createCaller, createInnerContext } from "@taskforge/api";
import { cache } from "react";

import { getSessionUser } from "~/server/auth";
import { getRuntime } from "~/server/runtime";
import { currentMode } from "~/server/session";

/**
 * The tRPC router called in-process for the signed-in person, in the selected world. Server
 * components fetch through this, so pages and the browser share one set of procedures and checks.
 * It is made once per request (React's `cache`), however many components of the page ask for it,
 * and it cannot be imported into code that runs in the browser.
 */
export const serverCaller = cache(async () => {
  const { db } = await getRuntime();
  const user = await getSessionUser();
  return createCaller(createInnerContext({ db, user, mode: await currentMode() }));
});
