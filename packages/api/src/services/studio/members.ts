import type { MemberRole, ResponseIssue } from "@taskforge/schema";

import type { DbClient } from "../../db-client";
import { AppError, badRequest } from "../../errors";
import type { Scope } from "../../scope";

export type WorkingMember = { id: string; email: string; orgRoles: MemberRole[] };

const WORKER_ROLES: MemberRole[] = ["annotator", "reviewer"];

/** Whether the member holds a role that works (annotator or reviewer). */
export const works = (member: { orgRoles: readonly MemberRole[] }) =>
  member.orgRoles.some((role) => WORKER_ROLES.includes(role));

type Entry = { index: number; value: string };

/** Issues at `field[index]` (and `.name` for lists of objects), with the message naming them too. */
const issuesAt = (field: string, entries: readonly Entry[], message: string, suffix?: string) =>
  entries.map(({ index, value }): ResponseIssue => ({
    path: suffix ? [field, index, suffix] : [field, index],
    message: `${message}: "${value}"`,
  }));

const described = (issues: readonly ResponseIssue[]) =>
  issues
    .map(
      ({ path, message }) =>
        `${path
          .map((part) => (typeof part === "number" ? `[${part}]` : `.${part}`))
          .join("")
          .slice(1)}: ${message}`,
    )
    .join("; ");

/** A 404 naming every unknown entry of a list by its field path (`emails[1]: no member "…"`). */
export const notFoundAt = (
  field: string,
  message: string,
  entries: readonly Entry[],
  suffix?: string,
) => {
  const issues = issuesAt(field, entries, message, suffix);
  return new AppError("not_found", described(issues), issues);
};

/** The same as a 400: entries that exist but cannot be used. */
export const badEntriesAt = (
  field: string,
  message: string,
  entries: readonly Entry[],
  suffix?: string,
) => {
  const issues = issuesAt(field, entries, message, suffix);
  return badRequest(described(issues), issues);
};

/**
 * The organization's members with these emails, in the order given. An email that is no member's
 * (another organization's people included) is a 404 naming its field path; with `mustWork`, a member
 * holding neither annotator nor reviewer is a 400, since they could not work on what they are given.
 */
export const membersByEmail = async (
  client: DbClient,
  scope: Scope,
  field: string,
  emails: readonly string[],
  mustWork: boolean,
): Promise<WorkingMember[]> => {
  if (!emails.length) return [];
  const rows = await client.user.findMany({
    where: { organizationId: scope.organizationId, email: { in: [...emails] } },
    select: { id: true, email: true, orgRoles: true },
  });
  const byEmail = new Map(rows.map((row) => [row.email, row]));
  const unknown = emails.flatMap((value, index) => (byEmail.has(value) ? [] : [{ index, value }]));
  if (unknown.length)
    throw notFoundAt(field, "no member of the organization has the email", unknown);
  const members = emails.map((email) => byEmail.get(email) as WorkingMember);
  if (mustWork) {
    const idle = members.flatMap((member, index) =>
      works(member) ? [] : [{ index, value: member.email }],
    );
    if (idle.length)
      throw badEntriesAt(field, "not an annotator or reviewer, so they could not work on it", idle);
  }
  return members;
};
