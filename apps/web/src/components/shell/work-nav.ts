import type { NavItem } from "./app-shell";

type Roles = { roles: readonly string[] };

export const isTasker = (user: Roles) =>
  user.roles.includes("tasker") || user.roles.includes("admin");
export const isReviewer = (user: Roles) =>
  user.roles.includes("reviewer") || user.roles.includes("admin");
export const isWorker = (user: Roles) => isTasker(user) || isReviewer(user);

/** The pages of someone who does the work: the workspace, the review page and their own queue. */
export const workNavFor = (user: Roles): NavItem[] => [
  ...(isTasker(user) ? [{ href: "/work", label: "Work" }] : []),
  ...(isReviewer(user) ? [{ href: "/review", label: "Review" }] : []),
  ...(isWorker(user) ? [{ href: "/queue", label: "My queue" }] : []),
];
