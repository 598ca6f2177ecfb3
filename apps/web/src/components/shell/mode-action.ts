"use server";

import { cookies } from "next/headers";

import { MODE_COOKIE } from "~/server/session";

export const setMode = async (mode: "live" | "test") => {
  (await cookies()).set(MODE_COOKIE, mode === "test" ? "test" : "live", {
    path: "/",
    sameSite: "lax",
    httpOnly: false,
    maxAge: 60 * 60 * 24 * 365,
  });
};
