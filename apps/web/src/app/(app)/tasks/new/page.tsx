import { PageHeader } from "~/components/ui";
import { requireMemberWith } from "~/server/session";
import { serverCaller } from "~/trpc/server";

import { CreateTasks } from "./create-tasks";

export const metadata = { title: "Create tasks · taskforge" };

export default async function NewTasksPage({
  searchParams,
}: {
  searchParams: Promise<{ batch?: string }>;
}) {
  await requireMemberWith("manage_work");
  const { batch } = await searchParams;
  const projects = await (await serverCaller()).projects.list({ archived: false });
  return (
    <>
      <PageHeader
        title="Create tasks"
        description="One task through a form built from its type's params, or many from a JSONL or CSV file."
      />
      <CreateTasks
        projects={projects.map(({ name, type }) => ({ name, type }))}
        batch={batch ?? ""}
      />
    </>
  );
}
