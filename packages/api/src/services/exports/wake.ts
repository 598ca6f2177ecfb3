// Runners in this process look for work at once when an export is queued here, rather than at
// their next poll; runners in other processes still find it by polling.
const listeners = new Set<() => void>();

export const onExportQueued = (listener: () => void): (() => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const wakeExportRunners = () => {
  for (const listener of listeners) listener();
};
