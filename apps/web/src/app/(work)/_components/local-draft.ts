import type { EditorValue } from "@taskforge/editors";
import { isRecord } from "@taskforge/schema";

/**
 * A copy of the draft in the browser, per assignment, written on every change before the server
 * has it: a dropped connection or a killed browser loses nothing. `synced` says the server
 * confirmed this very value.
 */
export type LocalDraft = { value: EditorValue; changedAt: number; synced: boolean };

type Storage = Pick<globalThis.Storage, "getItem" | "setItem" | "removeItem">;

const keyOf = (assignmentId: string) => `taskforge.draft.${assignmentId}`;

export const readLocalDraft = (storage: Storage, assignmentId: string): LocalDraft | null => {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(keyOf(assignmentId)) ?? "null");
    if (!isRecord(parsed) || !isRecord(parsed.value) || typeof parsed.changedAt !== "number")
      return null;
    return { value: parsed.value, changedAt: parsed.changedAt, synced: parsed.synced === true };
  } catch {
    return null;
  }
};

export const writeLocalDraft = (storage: Storage, assignmentId: string, draft: LocalDraft) => {
  try {
    storage.setItem(keyOf(assignmentId), JSON.stringify(draft));
  } catch {
    // A full or disabled storage only loses the local copy; the server copy still saves.
  }
};

export const removeLocalDraft = (storage: Storage, assignmentId: string) => {
  try {
    storage.removeItem(keyOf(assignmentId));
  } catch {
    // nothing kept, nothing to remove
  }
};

/**
 * Where an opened task starts: the newer of the local and the server draft. A local copy the
 * server never confirmed is newer by definition (it is what the worker last did); otherwise the
 * later timestamp wins, and with no draft at all the type's initial value.
 */
export const startingValue = (
  local: LocalDraft | null,
  server: { draft: EditorValue | null; savedAt: string | null },
  initial: () => EditorValue,
): { value: EditorValue; unsynced: boolean } => {
  const serverTime = server.savedAt ? Date.parse(server.savedAt) : Number.NEGATIVE_INFINITY;
  if (local && (!local.synced || !server.draft || local.changedAt > serverTime))
    return { value: local.value, unsynced: !local.synced };
  if (server.draft) return { value: server.draft, unsynced: false };
  return { value: initial(), unsynced: false };
};
