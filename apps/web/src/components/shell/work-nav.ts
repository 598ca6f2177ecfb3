import { canWork } from "@taskforge/schema";
import type { WorkerRoles as Worker } from "@taskforge/schema";

import type { NavItem } from "./app-shell";

export const isTasker = (user: Worker) => canWork(user, "annotate");
export const isReviewer = (user: Worker) => canWork(user, "review");
export const isWorker = (user: Worker) => isTasker(user) || isReviewer(user);

/**
 * The pages of someone who does the work: the workspace, practice on training tasks, the review
 * page and their own queue.
 */
export const workNavFor = (user: Worker): NavItem[] => [
  ...(isTasker(user) ? [{ href: "/work", label: "Work" }] : []),
  ...(isTasker(user) ? [{ href: "/practice", label: "Practice" }] : []),
  ...(isReviewer(user) ? [{ href: "/review", label: "Review" }] : []),
  ...(isWorker(user) ? [{ href: "/queue", label: "My queue" }] : []),
];
