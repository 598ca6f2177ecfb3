import { z } from "zod";

export const TASK_STATUSES = ["pending", "completed", "canceled", "error"] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

// `commented` is not in the task-object page but Scale's Python SDK enum has it.
export const CUSTOMER_REVIEW_STATUSES = [
  "pending",
  "accepted",
  "fixed",
  "rejected",
  "commented",
] as const;
export const CustomerReviewStatusSchema = z.enum(CUSTOMER_REVIEW_STATUSES);
export type CustomerReviewStatus = z.infer<typeof CustomerReviewStatusSchema>;

export const AUDIT_RESULTS = ["accepted", "rejected", "fixed", "commented"] as const;
export const AuditResultSchema = z.enum(AUDIT_RESULTS);
export type AuditResult = z.infer<typeof AuditResultSchema>;

// `scale` is our internal review layer; `customer` is an audit made through the API or dashboard.
export const AUDIT_SOURCES = ["customer", "scale"] as const;
export const AuditSourceSchema = z.enum(AUDIT_SOURCES);
export type AuditSource = z.infer<typeof AuditSourceSchema>;
