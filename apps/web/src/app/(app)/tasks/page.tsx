import { PageHeader } from "~/components/ui";

export default function TasksPage() {
  return <PageHeader title="Tasks" />;
}
