"use client";

import { initialValueOf, TaskRenderer } from "@taskforge/editors";
import type { PracticeItem, PracticeResult } from "@taskforge/schema";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { Alert, Badge, Button, EmptyState } from "~/components/ui";
import { describeError, useTRPC } from "~/trpc/client";

import { InstructionPanel } from "../_components/instruction-panel";
import { ResponseFormPanel } from "../_components/response-form-panel";
import { useResponseForm } from "../_components/use-response-form";

const percent = (score: number) => `${Math.round(score * 100)}%`;

/**
 * The Tasker's practice: the next training task of their projects in its type's editor; once
 * answered, their answer beside the expected one with the score. Nothing is claimed and no customer
 * task is touched; "Next" asks for the next training task they have not practised.
 */
export const Practice = () => {
  const trpc = useTRPC();
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  const next = useQuery(
    trpc.work.practice.queryOptions(
      { base_url: origin },
      { enabled: origin !== "", gcTime: 0, retry: false, refetchOnWindowFocus: false },
    ),
  );
  if (next.isError) return <Alert tone="error">{describeError(next.error).message}</Alert>;
  if (next.isPending) return <p className="text-sm text-slate-600">Loading…</p>;
  if (!next.data)
    return (
      <EmptyState title="No training tasks right now">
        <p>When a project you work on adds training tasks, they appear here.</p>
      </EmptyState>
    );
  return (
    <PracticeTask
      key={next.data.training_task_id}
      item={next.data}
      onNext={() => void next.refetch()}
    />
  );
};

const PracticeTask = ({ item, onNext }: { item: PracticeItem; onNext: () => void }) => {
  const form = useResponseForm({
    type: item.type,
    params: item.params,
    initial: () => initialValueOf(item.type, item.params),
    invalidMessage: "The answer has problems; fix them and submit again.",
  });
  const { mutateAsync: submitPractice } = useMutation(
    useTRPC().work.practiceSubmit.mutationOptions(),
  );
  const [result, setResult] = useState<PracticeResult | null>(null);

  const submit = () =>
    form.submit(async (response) => {
      setResult(await submitPractice({ training_task_id: item.training_task_id, response }));
    });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-700">
        <Badge tone="gray">Training</Badge>
        <span>{item.project}</span>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
        <InstructionPanel markdown={item.instruction} />
        <div className="min-w-0 space-y-4">
          {result ? (
            <section aria-label="Practice result" className="space-y-4">
              <div className="flex flex-wrap items-center gap-3">
                <h2 className="text-base font-semibold text-slate-900">Your score</h2>
                <Badge tone={result.score >= 0.8 ? "green" : "amber"}>
                  {percent(result.score)}
                </Badge>
              </div>
              <div className="grid gap-4 md:grid-cols-2">
                <article
                  aria-label="Your answer"
                  className="min-w-0 rounded-lg border border-slate-200 bg-white p-3"
                >
                  <h3 className="mb-2 text-sm font-semibold text-slate-800">Your answer</h3>
                  <TaskRenderer type={item.type} params={item.params} response={result.response} />
                </article>
                <article
                  aria-label="Expected answer"
                  className="min-w-0 rounded-lg border border-emerald-200 bg-white p-3"
                >
                  <h3 className="mb-2 text-sm font-semibold text-slate-800">Expected answer</h3>
                  <TaskRenderer
                    type={item.type}
                    params={item.params}
                    response={result.expected_response}
                  />
                </article>
              </div>
              <Button onClick={onNext}>Next</Button>
            </section>
          ) : (
            <>
              <ResponseFormPanel
                type={item.type}
                params={item.params}
                form={form}
                onSubmit={() => void submit()}
                submitLabel="Check my answer"
                busyLabel="Checking…"
                dataAttributes={{ "data-training-task-id": item.training_task_id }}
              />
            </>
          )}
        </div>
      </div>
    </div>
  );
};
