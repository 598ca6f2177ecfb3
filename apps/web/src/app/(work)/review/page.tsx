import type { Metadata } from "next";

import { PageHeader } from "~/components/ui";

import { ReviewDesk } from "./review-desk";

export const metadata: Metadata = { title: "Review" };

export default function ReviewPage() {
  return (
    <>
      <PageHeader
        title="Review"
        description="Check Taskers' work before it reaches the customer: accept, fix or reject."
      />
      <ReviewDesk />
    </>
  );
}
