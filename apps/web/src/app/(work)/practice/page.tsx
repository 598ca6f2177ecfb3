import type { Metadata } from "next";

import { PageHeader } from "~/components/ui";

import { Practice } from "./practice";

export const metadata: Metadata = { title: "Practice" };

export default function PracticePage() {
  return (
    <>
      <PageHeader
        title="Practice"
        description="Training tasks of your projects: answer, then compare with the expected answer. Practice is not scored against you."
      />
      <Practice />
    </>
  );
}
