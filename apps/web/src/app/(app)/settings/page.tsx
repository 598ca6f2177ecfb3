import type { Metadata } from "next";

import { PageHeader } from "~/components/ui";

import { CallbackSettingsCard } from "./callback-settings";
import { InvitationsCard } from "./invitations";
import { MembersCard } from "./members";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Organization settings"
        description="Callbacks and the people of your organization."
      />
      <div className="space-y-6">
        <CallbackSettingsCard />
        <MembersCard />
        <InvitationsCard />
      </div>
    </>
  );
}
