import type { Prisma } from "@taskforge/db";
import type { Project } from "@taskforge/schema";

export const projectSelect = {
  id: true,
  name: true,
  type: true,
  archived: true,
  rapid: true,
  studio: true,
  createdAt: true,
  paramVersions: {
    select: { version: true, instruction: true, params: true, createdAt: true },
    orderBy: { version: "asc" },
  },
} satisfies Prisma.ProjectSelect;

export type ProjectRow = Prisma.ProjectGetPayload<{ select: typeof projectSelect }>;

const asObject = (value: Prisma.JsonValue): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};

export const toPublicProject = (row: ProjectRow): Project => ({
  name: row.name,
  type: row.type,
  created_at: row.createdAt.toISOString(),
  param_history: row.paramVersions.map((v) => ({
    ...asObject(v.params),
    version: v.version,
    created_at: v.createdAt.toISOString(),
    ...(v.instruction !== null ? { instruction: v.instruction } : {}),
  })),
  archived: row.archived,
  rapid: row.rapid,
  studio: row.studio,
});

export { asObject };
