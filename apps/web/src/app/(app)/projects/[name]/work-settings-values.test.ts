import type { ProjectWorkSettings } from "@taskforge/schema";
import { describe, expect, it } from "vitest";

import { changedSettings, formFromSettings, settingsFromForm } from "./work-settings-values";

const saved: ProjectWorkSettings = {
  annotations_per_task: 1,
  max_annotations_per_task: 5,
  lease_seconds: 600,
  requires_review: false,
  agreement_threshold: 0.07,
  low_agreement_action: "review",
  gold_rate: 0,
  gold_min_count: 5,
  gold_min_accuracy: 0.7,
  problem_report_threshold: 2,
  redo_to: "anyone",
  member_access: "all",
  platform_workforce: false,
};

describe("work settings form values", () => {
  it("shows the lease in minutes and fractions in percent, and reads them back unchanged", () => {
    const form = formFromSettings(saved);
    expect(form).toMatchObject({
      lease_minutes: "10",
      agreement_threshold: "7",
      gold_min_accuracy: "70",
    });
    const read = settingsFromForm(form);
    expect("settings" in read && read.settings).toEqual(saved);
    expect("settings" in read && changedSettings(saved, read.settings)).toEqual({});
  });

  it("sends only what changed, in the server's units", () => {
    const read = settingsFromForm({
      ...formFromSettings(saved),
      lease_minutes: "2.5",
      gold_rate: "12.5",
      redo_to: "someone_else",
    });
    expect("settings" in read && changedSettings(saved, read.settings)).toEqual({
      lease_seconds: 150,
      gold_rate: 0.125,
      redo_to: "someone_else",
    });
  });

  it("names the setting of each problem found before sending", () => {
    const read = settingsFromForm({
      ...formFromSettings(saved),
      lease_minutes: "0.1",
      gold_rate: "150",
      annotations_per_task: "1.5",
      gold_min_count: "",
    });
    expect("settings" in read).toBe(false);
    expect(read.errors).toEqual({
      "work_settings.lease_seconds": "must be between 0.5 and 1440",
      "work_settings.gold_rate": "must be between 0 and 100",
      "work_settings.annotations_per_task": "must be a whole number",
      "work_settings.gold_min_count": "enter a number",
    });
  });
});
