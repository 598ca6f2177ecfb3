"use client";

import { WORK_KINDS } from "@taskforge/schema";
import { useMutation } from "@tanstack/react-query";
import type { ProjectWorkforce, WorkKind } from "@taskforge/schema";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

const MEMBER_ROLE: Record<WorkKind, "annotator" | "reviewer"> = {
  annotate: "annotator",
  review: "reviewer",
};

/**
 * Who works on the project: with `member_access` 'selected', only the members picked here (per
 * kind of work); with 'all', every annotator and reviewer of the organization, and picks wait
 * until the project switches to selected members.
 */
export const WorkforceCard = ({ workforce }: { workforce: ProjectWorkforce }) => {
  const router = useRouter();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const trpc = useTRPC();
  const pick = useMutation(trpc.staffing.pick.mutationOptions());
  const unpick = useMutation(trpc.staffing.unpick.mutationOptions());
  const selected = workforce.member_access === "selected";

  // Shown at once; put back if the server refuses.
  const [picks, setPicks] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(
      workforce.members.flatMap((m) =>
        WORK_KINDS.map((role) => [`${m.user_id}:${role}`, m.picked[role]]),
      ),
    ),
  );

  const toggle = (userId: string, role: WorkKind, picked: boolean) => {
    const key = `${userId}:${role}`;
    setPending(key);
    setError(null);
    setPicks((current) => ({ ...current, [key]: picked }));
    const input = { project: workforce.project, user_id: userId, role };
    (picked ? pick.mutateAsync(input) : unpick.mutateAsync(input))
      .then(() => router.refresh())
      .catch((caught: unknown) => {
        setPicks((current) => ({ ...current, [key]: !picked }));
        setError(describeError(caught).message);
      })
      .finally(() => setPending(null));
  };

  return (
    <div className="space-y-3 text-sm" data-testid="workforce-card">
      <p className="text-slate-700">
        {selected
          ? "Only the members picked below work on this project."
          : "Every annotator and reviewer of the organization works on this project; picks apply once it works with selected members."}{" "}
        {workforce.platform_workforce
          ? "The platform workforce is let in too."
          : "The platform workforce is not let in."}{" "}
        A redo goes to{" "}
        {workforce.redo_to === "someone_else" ? "someone else" : "anyone, its annotator included"}.
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {workforce.members.length === 0 ? (
        <p className="text-slate-600">No member holds the annotator or reviewer role yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {workforce.members.map((member) => (
            <li
              key={member.user_id}
              className="flex flex-wrap items-center justify-between gap-2 py-1.5"
            >
              <span className="min-w-0 truncate" title={member.email}>
                {member.name ?? member.email}
              </span>
              <span className="flex gap-3">
                {WORK_KINDS.map((role) => {
                  const holds = member.roles.includes(MEMBER_ROLE[role]);
                  return (
                    <label
                      key={role}
                      className={`inline-flex items-center gap-1 ${holds ? "" : "text-slate-400"}`}
                    >
                      <input
                        type="checkbox"
                        checked={picks[`${member.user_id}:${role}`] ?? member.picked[role]}
                        disabled={!holds || pending === `${member.user_id}:${role}`}
                        aria-label={`${role === "annotate" ? "Annotates" : "Reviews"}: ${member.email}`}
                        onChange={(event) => toggle(member.user_id, role, event.target.checked)}
                      />
                      {role === "annotate" ? "annotates" : "reviews"}
                    </label>
                  );
                })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
};
