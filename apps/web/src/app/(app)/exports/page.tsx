import { PageHeader } from "~/components/ui";
import { serverCaller } from "~/trpc/server";

import { ExportsList } from "./_components/exports-list";

export const metadata = { title: "Exports · taskforge" };

/**
 * Exports of this organization (in the selected live/test world), newest first, with their
 * progress; the list refreshes itself while any is queued or running.
 */
export default async function ExportsPage() {
  const caller = await serverCaller();
  const initial = await caller.exports.list({ limit: 50 });
  return (
    <>
      <PageHeader
        title="Exports"
        description="Files of tasks made in the background. Start one from the Tasks page with “Export all matching…”, or with POST /v1/exports."
      />
      <ExportsList initial={initial} />
    </>
  );
}
