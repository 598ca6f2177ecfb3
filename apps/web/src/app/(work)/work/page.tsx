import type { Metadata } from "next";

import { PageHeader } from "~/components/ui";

import { Workspace } from "./workspace";

export const metadata: Metadata = { title: "Work" };

export default function WorkPage() {
  return (
    <>
      <PageHeader title="Work" description="Label tasks from your queue, one at a time." />
      <Workspace />
    </>
  );
}
