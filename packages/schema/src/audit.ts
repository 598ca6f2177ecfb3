import { z } from "zod";

import { TimestampSchema } from "./common";
import { AuditResultSchema, AuditSourceSchema } from "./enums";

export const AuditSchema = z.object({
  audited_by: z.string(),
  audited_at: TimestampSchema,
  audit_time_secs: z.number().nonnegative(),
  audit_result: AuditResultSchema,
  audit_source: AuditSourceSchema,
  comments: z.string().optional(),
});
export type Audit = z.infer<typeof AuditSchema>;
