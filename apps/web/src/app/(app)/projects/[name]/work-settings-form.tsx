"use client";

import { useMutation } from "@tanstack/react-query";
import type { ProjectWorkSettings } from "@taskforge/schema";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Alert, Button, SelectField, TextField } from "~/components/ui";
import { unclaimedErrors } from "~/lib/params-form/form-state";
import { describeError, useTRPC } from "~/trpc/client";
import type { FieldErrors } from "~/trpc/client";

import { CheckboxField, ChoiceField, SettingsSection } from "./setting-controls";
import {
  changedSettings,
  formFromSettings,
  settingPath,
  settingsFromForm,
} from "./work-settings-values";
import type { WorkSettingsForm as FormValues } from "./work-settings-values";

type NumberField = {
  [Key in keyof FormValues]: string extends FormValues[Key] ? Key : never;
}[keyof FormValues];

const SETTING_PATHS = [
  "annotations_per_task",
  "max_annotations_per_task",
  "agreement_threshold",
  "low_agreement_action",
  "requires_review",
  "gold_rate",
  "gold_min_count",
  "gold_min_accuracy",
  "lease_seconds",
  "redo_to",
  "problem_report_threshold",
  "member_access",
  "platform_workforce",
].map((setting) => settingPath(setting as keyof ProjectWorkSettings));

/**
 * Every work setting of a project, each with what it does. Managers edit and save them (only the
 * settings they changed are sent); everyone else sees the same form read-only.
 */
export const WorkSettingsForm = ({
  project,
  saved,
  canEdit,
}: {
  project: string;
  saved: ProjectWorkSettings;
  canEdit: boolean;
}) => {
  const router = useRouter();
  const [form, setForm] = useState(() => formFromSettings(saved));
  const [fields, setFields] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const trpc = useTRPC();
  const setSettings = useMutation(trpc.projects.setSettings.mutationOptions());
  const set = <Key extends keyof FormValues>(key: Key, value: FormValues[Key]) =>
    setForm((current) => ({ ...current, [key]: value }));
  /** A number typed as text; `setting` names where the server reports it (the lease is in seconds). */
  const text = (key: NumberField, setting: keyof ProjectWorkSettings) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => set(key, event.target.value),
    error: fields[settingPath(setting)],
    inputMode: "decimal" as const,
  });

  const save = async () => {
    const read = settingsFromForm(form);
    if (!("settings" in read)) {
      setFields(read.errors);
      setMessage({ tone: "error", text: "Some settings need fixing: see the marked fields." });
      return;
    }
    const changes = changedSettings(saved, read.settings);
    if (Object.keys(changes).length === 0) {
      setMessage({ tone: "success", text: "Nothing changed." });
      return;
    }
    try {
      await setSettings.mutateAsync({ name: project, work_settings: changes });
      setMessage({ tone: "success", text: "Settings saved." });
      router.refresh();
    } catch (caught) {
      const described = describeError(caught);
      setFields(described.fields);
      setMessage({ tone: "error", text: described.message });
    }
  };

  const unclaimed = unclaimedErrors(SETTING_PATHS, fields);
  return (
    <form
      aria-label="Work settings"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        setPending(true);
        setFields({});
        setMessage(null);
        void save().finally(() => setPending(false));
      }}
    >
      {canEdit ? null : (
        <p className="text-sm text-slate-600">
          Only owners, admins and managers can change these settings.
        </p>
      )}
      {/* A disabled fieldset disables every control in it: the read-only view is the same form. */}
      <fieldset disabled={!canEdit || pending} className="space-y-4">
        <SettingsSection
          title="Consensus"
          about="How many people label each task, and what happens when they disagree."
        >
          <TextField
            label="Annotations per task"
            hint="Independent responses each task collects before it can complete."
            {...text("annotations_per_task", "annotations_per_task")}
            inputMode="numeric"
          />
          <TextField
            label="Max annotations per task"
            hint="The most responses a task may get when extra annotations are asked for after low agreement."
            {...text("max_annotations_per_task", "max_annotations_per_task")}
            inputMode="numeric"
          />
          <TextField
            label="Agreement threshold (%)"
            hint="How much the responses must agree for a consensus task to complete on its own; 0 accepts any agreement."
            {...text("agreement_threshold", "agreement_threshold")}
          />
          <SelectField
            label="When agreement is low"
            hint="What happens to a task whose responses agree less than the threshold."
            value={form.low_agreement_action}
            onChange={(event) =>
              set("low_agreement_action", event.target.value as FormValues["low_agreement_action"])
            }
            error={fields[settingPath("low_agreement_action")]}
          >
            <option value="review">Send it to a reviewer</option>
            <option value="extra_annotation">Ask for another annotation (up to the max)</option>
          </SelectField>
        </SettingsSection>
        <SettingsSection title="Review" about="A second look before a task completes.">
          <CheckboxField
            label="Requires review"
            hint="Every task goes to a reviewer, who accepts it or sends it back, before it completes."
            checked={form.requires_review}
            onChange={(checked) => set("requires_review", checked)}
            error={fields[settingPath("requires_review")]}
          />
        </SettingsSection>
        <SettingsSection
          title="Gold"
          about="Hidden tasks with known answers that measure each annotator's accuracy."
        >
          <TextField
            label="Gold rate (%)"
            hint="Share of the tasks served to an annotator that are gold tasks; 0 serves none."
            {...text("gold_rate", "gold_rate")}
          />
          <TextField
            label="Minimum gold count"
            hint="Gold tasks an annotator answers before their accuracy counts."
            {...text("gold_min_count", "gold_min_count")}
            inputMode="numeric"
          />
          <TextField
            label="Minimum gold accuracy (%)"
            hint="Annotators scoring below this on gold tasks stop getting this project's tasks."
            {...text("gold_min_accuracy", "gold_min_accuracy")}
          />
        </SettingsSection>
        <SettingsSection title="Lease" about="How long a claimed task stays with one person.">
          <TextField
            label="Lease (minutes)"
            hint="A task not submitted within this time goes back to the queue for someone else (half a minute to a day)."
            {...text("lease_minutes", "lease_seconds")}
          />
        </SettingsSection>
        <SettingsSection
          title="Redo"
          about="Who gets a task that was rejected and must be done again."
        >
          <ChoiceField
            legend="A rejected task goes to"
            value={form.redo_to}
            onChange={(value) => set("redo_to", value)}
            error={fields[settingPath("redo_to")]}
            options={[
              {
                value: "anyone",
                label: "Anyone who may work on the project",
                hint: "Its previous annotator included, who may fix their own work.",
              },
              {
                value: "someone_else",
                label: "Someone who has not worked on it",
                hint: "Never to a person who annotated it before: a fresh pair of eyes.",
              },
            ]}
          />
        </SettingsSection>
        <SettingsSection
          title="Problem reports"
          about="Annotators can report a task they cannot label."
        >
          <TextField
            label="Problem report threshold"
            hint="Problem reports in one round of a task that end it in error (a reviewer's report ends it at once)."
            {...text("problem_report_threshold", "problem_report_threshold")}
            inputMode="numeric"
          />
        </SettingsSection>
        <SettingsSection title="Workforce" about="Who labels and reviews this project's tasks.">
          <ChoiceField
            legend="Organization members"
            value={form.member_access}
            onChange={(value) => set("member_access", value)}
            error={fields[settingPath("member_access")]}
            options={[
              {
                value: "all",
                label: "All annotators and reviewers",
                hint: "Every member of the organization with the annotator or reviewer role.",
              },
              {
                value: "selected",
                label: "Only the members picked for this project",
                hint: "Annotators and reviewers work here only once picked for this project.",
              },
            ]}
          />
          <CheckboxField
            label="Platform workforce"
            hint="Also let this installation's shared Taskers and reviewers work on the project. Off, only the organization's own members see its tasks."
            checked={form.platform_workforce}
            onChange={(checked) => set("platform_workforce", checked)}
            error={fields[settingPath("platform_workforce")]}
          />
        </SettingsSection>
      </fieldset>
      {message ? (
        <Alert tone={message.tone}>
          {message.text}
          {message.tone === "error" && unclaimed.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {unclaimed.map(([path, problem]) => (
                <li key={path}>{path ? `${path}: ${problem}` : problem}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {canEdit ? (
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </Button>
      ) : null}
    </form>
  );
};
