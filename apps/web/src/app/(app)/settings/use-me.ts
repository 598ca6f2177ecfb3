"use client";

import { useQuery } from "@tanstack/react-query";
import { hasPermission } from "@taskforge/schema";
import type { Permission } from "@taskforge/schema";

import { useTRPC } from "~/trpc/client";

/**
 * The signed-in person and their roles, read fresh (the server loads it on every request), so the
 * page turns read-only as soon as an owner takes a role from themselves.
 */
export const useMe = () => useQuery(useTRPC().account.me.queryOptions());

/** Whether the signed-in member's roles allow this (the server checks it again on every call). */
export const useCan = (permission: Permission) =>
  hasPermission(useMe().data?.organization?.roles ?? [], permission);
