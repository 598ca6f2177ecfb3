"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";

import { setMode } from "./mode-action";

/** Switches the dashboard between live data and test-mode data (what test API keys see). */
export const ModeSwitch = ({ mode }: { mode: "live" | "test" }) => {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={mode === "test"}
      disabled={pending}
      onClick={() =>
        start(async () => {
          await setMode(mode === "test" ? "live" : "test");
          router.refresh();
        })
      }
      className={`rounded-full px-3 py-1 text-xs font-semibold ${
        mode === "test" ? "bg-amber-100 text-amber-900" : "bg-emerald-50 text-emerald-800"
      }`}
    >
      {mode === "test" ? "Test data" : "Live data"}
    </button>
  );
};
