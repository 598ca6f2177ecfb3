"use client";

import { WorkQueue } from "../_components/work-queue";
import { ReviewTask } from "./review-task";

/** The reviewer's desk: resumes the review they hold, or claims the next one from the review queue. */
export const ReviewDesk = () => (
  <WorkQueue
    kind="review"
    texts={{
      begin: "Claim a task from the review queue to begin.",
      finding: "Finding the next task to review…",
      empty: "Nothing to review right now",
      polling: "This page checks for new reviews every 10 seconds by itself.",
    }}
  >
    {(item, next, stop) => (
      <ReviewTask key={item.assignment_id} item={item} onDone={next} onStopped={stop} />
    )}
  </WorkQueue>
);
