import type pg from "pg";

import type { BenchServer } from "./server";

/** The running taskforge a scenario measures, and the raw `pg` pool on its database (none on PGlite). */
export type Target = {
  /** "" for PostgreSQL; "embedded: " for PGlite, so its rows pair up with PostgreSQL's. */
  prefix: string;
  server: BenchServer;
  raw: pg.Pool | null;
  organizationId: string;
};

export const CATEGORIZATION_PARAMS = {
  attachment_type: "text",
  attachment: "car",
  categories: ["big", "small"],
  allow_multiple: false,
};
