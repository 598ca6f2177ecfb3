import { z } from "zod";

import { NameSchema } from "./common";

/** Tasks counted per status, with their total (for dashboard progress bars). */
export const TaskStatusCountsSchema = z.object({
  total: z.int().nonnegative(),
  pending: z.int().nonnegative(),
  completed: z.int().nonnegative(),
  canceled: z.int().nonnegative(),
  error: z.int().nonnegative(),
});

export const ProjectTaskCountsSchema = z.array(
  TaskStatusCountsSchema.extend({ project: z.string() }),
);

export const BatchTaskCountsInputSchema = z.strictObject({
  names: z.array(NameSchema).max(100, { error: "at most 100 names" }),
});

export const BatchTaskCountsSchema = z.array(TaskStatusCountsSchema.extend({ batch: z.string() }));
