import type { Metadata } from "next";

import { PageHeader } from "~/components/ui";

import { MyQueue } from "./my-queue";

export const metadata: Metadata = { title: "My queue" };

export default function QueuePage() {
  return (
    <>
      <PageHeader title="My queue" description="Your work, your figures and your recent tasks." />
      <MyQueue />
    </>
  );
}
