import { PageHeader } from "~/components/ui";
import { requireMemberWith } from "~/server/session";
import { serverCaller } from "~/trpc/server";

import { NewBatchForm } from "./new-batch-form";

export const metadata = { title: "New batch · taskforge" };

export default async function NewBatchPage({
  searchParams,
}: {
  searchParams: Promise<{ project?: string }>;
}) {
  await requireMemberWith("manage_work");
  const { project } = await searchParams;
  const projects = await (await serverCaller()).projects.list({ archived: false });
  return (
    <>
      <PageHeader title="New batch" description="A batch groups tasks of one project." />
      <NewBatchForm projects={projects.map((p) => p.name)} project={project ?? ""} />
    </>
  );
}
