"use client";

import { useState } from "react";
import type { ReactNode } from "react";

import { Button } from "~/components/ui";

/**
 * A destructive action behind an inline confirmation: the first click asks `question`, only the
 * second ("confirmLabel") acts. Keyboard reachable, unlike a hover menu, and testable, unlike confirm().
 */
export const ConfirmButton = ({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
  ariaLabel,
}: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  ariaLabel?: string;
}) => {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <Button
        variant="secondary"
        size="sm"
        disabled={disabled}
        aria-label={ariaLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </Button>
    );
  return (
    <span className="inline-flex flex-wrap items-center gap-2" role="group">
      <span className="text-sm text-slate-700">{question}</span>
      <Button
        variant="danger"
        size="sm"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </span>
  );
};
