import type { Database } from "@taskforge/db";

/**
 * Who a domain operation acts for. Every query a service runs is filtered by this organization and
 * world (live or test), so another tenant's object is simply not found.
 */
export type Scope = {
  db: Database;
  organizationId: string;
  isTest: boolean;
};
