"use client";

import { MEMBER_ROLE_DESCRIPTIONS, MEMBER_ROLE_LABELS, MEMBER_ROLES } from "@taskforge/schema";
import type { MemberRole } from "@taskforge/schema";

import { Badge } from "~/components/ui";

/** Checkboxes for a set of roles; `allowed` limits which may be ticked (an admin makes no owners). */
export const RolePicker = ({
  legend,
  value,
  onChange,
  allowed = MEMBER_ROLES,
  disabled = false,
  error,
}: {
  legend: string;
  value: readonly MemberRole[];
  onChange: (roles: MemberRole[]) => void;
  allowed?: readonly MemberRole[];
  disabled?: boolean;
  error?: string | undefined;
}) => (
  <fieldset className="space-y-1" disabled={disabled}>
    <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
    <div className="grid gap-1 sm:grid-cols-2">
      {MEMBER_ROLES.filter((role) => allowed.includes(role)).map((role) => (
        <label
          key={role}
          className="flex items-start gap-2 text-sm"
          title={MEMBER_ROLE_DESCRIPTIONS[role]}
        >
          <input
            type="checkbox"
            className="mt-1"
            name="roles"
            value={role}
            checked={value.includes(role)}
            onChange={(event) =>
              onChange(
                MEMBER_ROLES.filter((r) => (r === role ? event.target.checked : value.includes(r))),
              )
            }
          />
          <span>
            <span className="font-medium">{MEMBER_ROLE_LABELS[role]}</span>
            <span className="block text-xs text-slate-600">{MEMBER_ROLE_DESCRIPTIONS[role]}</span>
          </span>
        </label>
      ))}
    </div>
    {error ? (
      <p role="alert" className="text-xs font-medium text-red-700">
        {error}
      </p>
    ) : null}
  </fieldset>
);

const TONE: Record<MemberRole, "purple" | "blue" | "green" | "gray"> = {
  owner: "purple",
  admin: "purple",
  manager: "blue",
  annotator: "green",
  reviewer: "green",
  viewer: "gray",
};

export const RoleBadges = ({ roles }: { roles: readonly MemberRole[] }) => (
  <span className="inline-flex flex-wrap gap-1">
    {roles.map((role) => (
      <Badge key={role} tone={TONE[role]}>
        {MEMBER_ROLE_LABELS[role]}
      </Badge>
    ))}
  </span>
);
