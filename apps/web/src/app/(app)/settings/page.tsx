import type { Metadata } from "next";

import { PageHeader } from "~/components/ui";

import { CallbackSettingsCard } from "./callback-settings";
import { InvitationsCard } from "./invitations";
import { MembersCard } from "./members";
import { PasswordCard } from "./password-card";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <>
      <PageHeader
        title="Organization settings"
        description="Callbacks, the people of your organization, and your own password."
      />
      <div className="space-y-6">
        <CallbackSettingsCard />
        <MembersCard />
        <InvitationsCard />
        <PasswordCard />
      </div>
    </>
  );
}
