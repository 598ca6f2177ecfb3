"use client";

import { canGrantRoles, MEMBER_ROLES } from "@taskforge/schema";
import type { MemberRole } from "@taskforge/schema";
import { useState } from "react";

import { RoleBadges, RolePicker } from "~/components/roles/role-picker";
import { Button } from "~/components/ui";

/** A member's roles, with an editor for owners and admins (who cannot touch owners unless owners). */
export const MemberRolesEditor = ({
  who,
  roles,
  myRoles,
  saving,
  onSave,
}: {
  who: string;
  roles: readonly MemberRole[];
  myRoles: readonly MemberRole[];
  saving: boolean;
  onSave: (roles: MemberRole[]) => void;
}) => {
  const [editing, setEditing] = useState<MemberRole[] | null>(null);
  const editable = canGrantRoles(myRoles, roles);
  if (editing === null)
    return (
      <span className="inline-flex flex-wrap items-center gap-2">
        <RoleBadges roles={roles} />
        {editable ? (
          <button
            type="button"
            className="text-xs font-medium text-brand-700 hover:underline"
            aria-label={`Change roles of ${who}`}
            onClick={() => setEditing([...roles])}
          >
            Change
          </button>
        ) : null}
      </span>
    );
  return (
    <form
      aria-label={`Roles of ${who}`}
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        onSave(editing);
        setEditing(null);
      }}
    >
      <RolePicker
        legend={`Roles of ${who}`}
        value={editing}
        onChange={setEditing}
        allowed={MEMBER_ROLES.filter((role) => canGrantRoles(myRoles, [role]))}
        disabled={saving}
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={saving || editing.length === 0}>
          Save roles
        </Button>
        <Button type="button" variant="secondary" onClick={() => setEditing(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
};
