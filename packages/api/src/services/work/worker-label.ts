import type { WorkKind } from "@taskforge/schema";

/**
 * How a customer sees the person who worked their task: members of the task's own organization by
 * their display name, or their email when they have none (colleagues know each other), anyone
 * else (the installation's platform workforce) by a stable pseudonym, "Annotator <worker_number>"
 * or "Reviewer <worker_number>". The work engine records this label as the actor of every event
 * and audit it writes, so task history, audits' `audited_by`, exports and callback payloads all
 * carry it and never a platform worker's identity.
 */
export type PersonOnRecord = {
  email: string;
  name?: string | null;
  organizationId: string | null;
  workerNumber: number;
};

export const workerLabel = (person: PersonOnRecord, taskOrganizationId: string, kind: WorkKind) =>
  person.organizationId === taskOrganizationId
    ? person.name?.trim() || person.email
    : `${kind === "review" ? "Reviewer" : "Annotator"} ${person.workerNumber}`;

/**
 * `workerLabel` in SQL, for the claim statement (one round trip, so it cannot call back into
 * JavaScript): `person` is a row alias with `email`, `name`, `organization_id` and `worker_number`.
 */
export const workerLabelSql = (person: string, taskOrganizationId: string, kind: string) =>
  `CASE WHEN ${person}."organization_id" IS NOT DISTINCT FROM ${taskOrganizationId}
      THEN COALESCE(NULLIF(btrim(${person}."name"), ''), ${person}."email")
    ELSE (CASE WHEN ${kind} = 'review' THEN 'Reviewer ' ELSE 'Annotator ' END) || ${person}."worker_number" END`;
