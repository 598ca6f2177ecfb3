import type { Metadata } from "next";

import { PageHeader } from "~/components/ui";
import { requireMemberWith } from "~/server/session";

import { ApiKeysManager } from "./api-keys-manager";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  await requireMemberWith("use_api");
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys authenticate programs to the REST API and the typed client. Live keys work on live data; test keys on a separate test world where tasks complete at once."
      />
      <ApiKeysManager />
    </>
  );
}
