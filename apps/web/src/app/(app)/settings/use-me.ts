"use client";

import { useQuery } from "@tanstack/react-query";

import { trpc } from "~/trpc/client";

export const ME_KEY = ["account.me"];

/**
 * The signed-in person and their role, read fresh (the server loads it on every request), so the
 * page turns read-only as soon as an owner makes themselves a member.
 */
export const useMe = () => useQuery({ queryKey: ME_KEY, queryFn: () => trpc.account.me.query() });

export const useIsOwner = () => useMe().data?.organization?.role === "owner";
