import type { Prisma } from "@taskforge/db";
import { isRecord } from "@taskforge/schema";
import type { Ontology, Project, ProjectWorkSettings } from "@taskforge/schema";

export const projectSelect = {
  id: true,
  name: true,
  type: true,
  archived: true,
  rapid: true,
  studio: true,
  annotationsPerTask: true,
  maxAnnotationsPerTask: true,
  leaseSeconds: true,
  requiresReview: true,
  agreementThreshold: true,
  lowAgreementAction: true,
  goldRate: true,
  goldMinCount: true,
  goldMinAccuracy: true,
  problemReportThreshold: true,
  redoTo: true,
  memberAccess: true,
  platformWorkforce: true,
  createdAt: true,
  paramVersions: {
    select: { version: true, instruction: true, params: true, createdAt: true },
    orderBy: { version: "asc" },
  },
} satisfies Prisma.ProjectSelect;

export type ProjectRow = Prisma.ProjectGetPayload<{ select: typeof projectSelect }>;

const asObject = (value: Prisma.JsonValue): Record<string, unknown> =>
  isRecord(value) ? value : {};

/** The latest version's ontology; stored only through `setOntology`'s validation. */
const ontologyOf = (row: ProjectRow) => {
  const ontology = asObject(row.paramVersions.at(-1)?.params ?? {}).ontology;
  return Array.isArray(ontology) ? { ontology: ontology as Ontology } : {};
};

export const toPublicProject = (row: ProjectRow): Project => ({
  name: row.name,
  type: row.type,
  created_at: row.createdAt.toISOString(),
  ...ontologyOf(row),
  param_history: row.paramVersions.map((v) => ({
    ...asObject(v.params),
    version: v.version,
    created_at: v.createdAt.toISOString(),
    ...(v.instruction !== null ? { instruction: v.instruction } : {}),
  })),
  archived: row.archived,
  rapid: row.rapid,
  studio: row.studio,
  work_settings: {
    annotations_per_task: row.annotationsPerTask,
    max_annotations_per_task: row.maxAnnotationsPerTask,
    lease_seconds: row.leaseSeconds,
    requires_review: row.requiresReview,
    agreement_threshold: row.agreementThreshold,
    low_agreement_action:
      row.lowAgreementAction === "extra_annotation" ? "extra_annotation" : "review",
    gold_rate: row.goldRate,
    gold_min_count: row.goldMinCount,
    gold_min_accuracy: row.goldMinAccuracy,
    problem_report_threshold: row.problemReportThreshold,
    // Text columns: an unknown value reads as the default, the safer choice.
    redo_to: row.redoTo === "someone_else" ? "someone_else" : "anyone",
    member_access: row.memberAccess === "selected" ? "selected" : "all",
    platform_workforce: row.platformWorkforce,
  },
});

/** Wire settings (snake_case) to columns; absent settings are left out so they keep their values. */
export const workSettingsData = (settings: Partial<ProjectWorkSettings> = {}) => {
  const columns = {
    annotationsPerTask: settings.annotations_per_task,
    maxAnnotationsPerTask: settings.max_annotations_per_task,
    leaseSeconds: settings.lease_seconds,
    requiresReview: settings.requires_review,
    agreementThreshold: settings.agreement_threshold,
    lowAgreementAction: settings.low_agreement_action,
    goldRate: settings.gold_rate,
    goldMinCount: settings.gold_min_count,
    goldMinAccuracy: settings.gold_min_accuracy,
    problemReportThreshold: settings.problem_report_threshold,
    redoTo: settings.redo_to,
    memberAccess: settings.member_access,
    platformWorkforce: settings.platform_workforce,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
};

export { asObject };
