"use client";

import { signOut } from "next-auth/react";

import { Button } from "./ui";

export const SignOutButton = () => (
  <Button variant="ghost" size="sm" onClick={() => void signOut({ callbackUrl: "/sign-in" })}>
    Sign out
  </Button>
);
