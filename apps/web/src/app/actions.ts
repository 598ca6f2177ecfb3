"use server";

import { findApiKey } from "@taskforge/api";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";

import { getRuntime } from "~/server/runtime";

import { API_KEY_COOKIE } from "./_components/api-key-cookie";

/** Until sign-in exists, an API key is the credential that opens the task list. */
export async function openWithApiKey(formData: FormData) {
  const submitted = formData.get("api_key");
  const key = typeof submitted === "string" ? submitted.trim() : "";
  const { db } = await getRuntime();
  if (!(await findApiKey(db.prisma, key))) redirect("/?error=invalid_key");
  // Secure whenever the browser reached us over HTTPS (directly or through a proxy); a plain-HTTP
  // installation on a LAN must still be able to sign in.
  const requestHeaders = await headers();
  const isHttps =
    requestHeaders.get("x-forwarded-proto") === "https" ||
    (requestHeaders.get("origin") ?? "").startsWith("https:");
  (await cookies()).set(API_KEY_COOKIE, key, {
    httpOnly: true,
    sameSite: "lax",
    secure: isHttps,
    path: "/",
    maxAge: 60 * 60 * 12,
  });
  redirect("/");
}

export async function forgetApiKey() {
  (await cookies()).delete(API_KEY_COOKIE);
  redirect("/");
}
