"use client";

import type { Shortcut } from "@taskforge/editors";

import { Button } from "~/components/ui";

import { Dialog } from "./dialog";

/** Every shortcut of the page: the editor's own, undo/redo, and the page's. */
export const HelpOverlay = ({
  open,
  onClose,
  shortcuts,
}: {
  open: boolean;
  onClose: () => void;
  shortcuts: readonly Shortcut[];
}) => (
  <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
    <table className="w-full text-sm">
      <caption className="sr-only">Keyboard shortcuts</caption>
      <thead>
        <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
          <th className="pb-2 font-semibold">Keys</th>
          <th className="pb-2 font-semibold">Does</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {shortcuts.map((shortcut) => (
          <tr key={`${shortcut.keys}-${shortcut.action}`}>
            <td className="py-1.5 pr-4">
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
                {shortcut.keys}
              </kbd>
            </td>
            <td className="py-1.5">{shortcut.action}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <div className="mt-4 flex justify-end">
      <Button variant="secondary" onClick={onClose}>
        Close
      </Button>
    </div>
  </Dialog>
);
