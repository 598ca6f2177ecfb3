import { PageHeader } from "~/components/ui";
import { requireMemberWith } from "~/server/session";

import { NewProjectForm } from "./new-project-form";

export const metadata = { title: "New project · taskforge" };

export default async function NewProjectPage() {
  await requireMemberWith("manage_work");
  return (
    <>
      <PageHeader
        title="New project"
        description="Tasks created in this project (or its batches) inherit its params and instruction."
      />
      <NewProjectForm />
    </>
  );
}
