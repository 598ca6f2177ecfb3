import type { Metadata } from "next";

import { PageHeader } from "~/components/ui";

import { ApiKeysManager } from "./api-keys-manager";

export const metadata: Metadata = { title: "API keys" };

export default function ApiKeysPage() {
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
