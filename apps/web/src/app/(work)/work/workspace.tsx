"use client";

import { WorkQueue } from "../_components/work-queue";
import { OpenTask } from "./open-task";

/**
 * The Tasker's workspace: resumes the task they hold, or claims one on "Start"; after each
 * submission the next task is claimed by itself.
 */
export const Workspace = () => (
  <WorkQueue
    kind="annotate"
    texts={{
      begin: "Claim a task from your queue to begin.",
      finding: "Finding your next task…",
      empty: "No tasks right now",
      polling: "This page checks for new tasks every 10 seconds by itself.",
    }}
  >
    {(item, next, stop) => (
      <OpenTask key={item.assignment_id} item={item} onDone={next} onStopped={stop} />
    )}
  </WorkQueue>
);
