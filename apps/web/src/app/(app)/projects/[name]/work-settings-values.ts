import type { ProjectWorkSettings } from "@taskforge/schema";

/**
 * What the work settings form holds: numbers as the text typed (so "0." survives a keystroke),
 * shown in the units people think in: the lease in minutes, rates and thresholds in percent.
 */
export type WorkSettingsForm = {
  annotations_per_task: string;
  max_annotations_per_task: string;
  agreement_threshold: string;
  low_agreement_action: ProjectWorkSettings["low_agreement_action"];
  requires_review: boolean;
  gold_rate: string;
  gold_min_count: string;
  gold_min_accuracy: string;
  lease_minutes: string;
  redo_to: ProjectWorkSettings["redo_to"];
  problem_report_threshold: string;
  member_access: ProjectWorkSettings["member_access"];
  platform_workforce: boolean;
};

// Rounded so 0.07 shows as 7, not 7.000000000000001.
const percent = (fraction: number) => String(Math.round(fraction * 10_000) / 100);

export const formFromSettings = (settings: ProjectWorkSettings): WorkSettingsForm => ({
  annotations_per_task: String(settings.annotations_per_task),
  max_annotations_per_task: String(settings.max_annotations_per_task),
  agreement_threshold: percent(settings.agreement_threshold),
  low_agreement_action: settings.low_agreement_action,
  requires_review: settings.requires_review,
  gold_rate: percent(settings.gold_rate),
  gold_min_count: String(settings.gold_min_count),
  gold_min_accuracy: percent(settings.gold_min_accuracy),
  lease_minutes: String(Math.round((settings.lease_seconds / 60) * 100) / 100),
  redo_to: settings.redo_to,
  problem_report_threshold: String(settings.problem_report_threshold),
  member_access: settings.member_access,
  platform_workforce: settings.platform_workforce,
});

/** Where a setting's errors are shown: the server names `work_settings.<setting>`. */
export const settingPath = (setting: keyof ProjectWorkSettings) => `work_settings.${setting}`;

type Read = { value: number } | { error: string };

type Range = { min: number; max: number; integer?: boolean };

const readNumber = (text: string, { min, max, integer = false }: Range): Read => {
  const trimmed = text.trim();
  if (trimmed === "") return { error: "enter a number" };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: "must be a number" };
  if (integer && !Number.isInteger(value)) return { error: "must be a whole number" };
  if (value < min || value > max) return { error: `must be between ${min} and ${max}` };
  return { value };
};

/**
 * The settings the form stands for, or the problems found before sending. Only the settings in
 * percent and minutes are range-checked here, in those units: the server checks the rest (and these
 * again) and names the setting, which the form shows at its field.
 */
export const settingsFromForm = (
  form: WorkSettingsForm,
):
  | { settings: ProjectWorkSettings; errors: Record<string, string> }
  | { errors: Record<string, string> } => {
  const errors: Record<string, string> = {};
  const read = (setting: keyof ProjectWorkSettings, text: string, range: Range, scale = 1) => {
    const result = readNumber(text, range);
    if ("error" in result) {
      errors[settingPath(setting)] = result.error;
      return 0;
    }
    return result.value * scale;
  };
  // Counts: their ranges are the server's to tell.
  const whole = { min: -Infinity, max: Infinity, integer: true };
  const inPercent = { min: 0, max: 100 };
  const settings: ProjectWorkSettings = {
    annotations_per_task: read("annotations_per_task", form.annotations_per_task, whole),
    max_annotations_per_task: read(
      "max_annotations_per_task",
      form.max_annotations_per_task,
      whole,
    ),
    agreement_threshold: fraction(read("agreement_threshold", form.agreement_threshold, inPercent)),
    low_agreement_action: form.low_agreement_action,
    requires_review: form.requires_review,
    gold_rate: fraction(read("gold_rate", form.gold_rate, inPercent)),
    gold_min_count: read("gold_min_count", form.gold_min_count, whole),
    gold_min_accuracy: fraction(read("gold_min_accuracy", form.gold_min_accuracy, inPercent)),
    // The lease is kept in whole seconds: half a minute is the shortest, a day the longest.
    lease_seconds: Math.round(
      read("lease_seconds", form.lease_minutes, { min: 0.5, max: 1440 }, 60),
    ),
    redo_to: form.redo_to,
    problem_report_threshold: read(
      "problem_report_threshold",
      form.problem_report_threshold,
      whole,
    ),
    member_access: form.member_access,
    platform_workforce: form.platform_workforce,
  };
  return Object.keys(errors).length > 0 ? { errors } : { settings, errors };
};

const fraction = (percentValue: number) => Math.round(percentValue * 100) / 10_000;

/**
 * The settings that differ from the saved ones: only those are sent, so a save never writes back a
 * setting this page did not change (another manager may have changed it meanwhile).
 */
export const changedSettings = (
  saved: ProjectWorkSettings,
  next: ProjectWorkSettings,
): Partial<ProjectWorkSettings> =>
  Object.fromEntries(
    (Object.keys(next) as (keyof ProjectWorkSettings)[])
      .filter((key) => next[key] !== saved[key])
      .map((key) => [key, next[key]]),
  );
