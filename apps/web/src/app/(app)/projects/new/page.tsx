import { PageHeader } from "~/components/ui";

import { NewProjectForm } from "./new-project-form";

export const metadata = { title: "New project · taskforge" };

export default function NewProjectPage() {
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
