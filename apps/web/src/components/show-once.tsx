"use client";

import { useId, useState } from "react";

import { Button, inputClass } from "~/components/ui";

/**
 * A secret value (an API key, a signing secret, an invitation link) shown in a read-only box with a
 * copy button and the warning that it will not be shown again.
 */
export const ShowOnce = ({
  label,
  value,
  warning,
  onDismiss,
}: {
  label: string;
  value: string;
  warning: string;
  onDismiss: () => void;
}) => {
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2 rounded-lg border border-amber-200 bg-amber-50 p-4" role="status">
      <label htmlFor={id} className="block text-sm font-semibold text-amber-950">
        {label}
      </label>
      <p className="text-sm text-amber-900">{warning}</p>
      <div className="flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className={`${inputClass} min-w-0 flex-1 font-mono`}
        />
        <Button
          variant="secondary"
          onClick={() => {
            // Clipboard access needs a secure context; elsewhere the text is selected for Ctrl+C.
            if (!("clipboard" in navigator)) {
              (document.getElementById(id) as HTMLInputElement | null)?.select();
              return;
            }
            void navigator.clipboard.writeText(value).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
    </div>
  );
};
