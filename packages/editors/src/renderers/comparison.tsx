import type { ComparisonParams, ComparisonResponse } from "@taskforge/schema";

import { AttachmentView, NoResponse, Section } from "../components/common";
import { rankOfAttachment } from "../format";

/** The outputs side by side, each with its rank or "chosen" mark and its ratings. */
export const ComparisonRenderer = ({
  params,
  response,
}: {
  params: ComparisonParams;
  response: ComparisonResponse | undefined;
}) => {
  const ranks = rankOfAttachment(response?.ranking);
  const chosenIndex = typeof response?.choice === "number" ? response.choice : undefined;
  return (
    <div className="space-y-4">
      <ol
        aria-label="Outputs"
        className="grid gap-3"
        style={{ gridTemplateColumns: `repeat(auto-fit, minmax(14rem, 1fr))` }}
      >
        {params.attachments.map((attachment, index) => {
          const rank = ranks.get(index);
          const chosen = chosenIndex === index;
          return (
            <li
              key={index}
              data-rank={rank}
              data-chosen={chosen ? "true" : undefined}
              className={`space-y-2 rounded-lg border p-3 ${
                chosen || rank === 1 ? "border-emerald-600 bg-emerald-50/40" : "border-slate-200"
              }`}
            >
              <div className="flex items-center justify-between gap-2 text-xs">
                <span className="font-semibold text-slate-700">Output {index + 1}</span>
                {rank !== undefined ? (
                  <span className="rounded-full bg-slate-900 px-2 py-0.5 font-semibold text-white">
                    Rank {rank}
                  </span>
                ) : null}
                {chosen ? (
                  <span className="rounded-full bg-emerald-700 px-2 py-0.5 font-semibold text-white">
                    Chosen
                  </span>
                ) : null}
              </div>
              <AttachmentView
                type={attachment.type}
                content={attachment.content}
                label={`Output ${index + 1}`}
              />
              {(params.fields ?? []).map((field) => {
                const value = response?.ratings?.[field.field_id]?.[index];
                return (
                  <p key={field.field_id} className="text-xs text-slate-700">
                    {field.title}:{" "}
                    <span className="font-semibold text-slate-900">
                      {value === undefined ? "—" : `${value} / ${field.max}`}
                    </span>
                  </p>
                );
              })}
            </li>
          );
        })}
      </ol>
      {params.choices ? (
        <Section title="Choices">
          <ul className="flex flex-wrap gap-2">
            {params.choices.map((choice) => {
              const chosen = response?.choice === choice;
              return (
                <li
                  key={choice}
                  data-chosen={chosen ? "true" : "false"}
                  className={`rounded-md border px-3 py-1.5 text-sm ${
                    chosen
                      ? "border-emerald-600 bg-emerald-50 font-semibold text-emerald-900"
                      : "border-slate-200 text-slate-700"
                  }`}
                >
                  {chosen ? <span aria-hidden="true">✓ </span> : null}
                  {choice}
                  {chosen ? <span className="sr-only"> (chosen)</span> : null}
                </li>
              );
            })}
          </ul>
        </Section>
      ) : null}
      {response === undefined ? <NoResponse /> : null}
      {response?.ranking ? (
        <p className="text-sm text-slate-700">
          Ranking, best first: {response.ranking.map((index) => `Output ${index + 1}`).join(" › ")}
        </p>
      ) : null}
      {response?.rationale ? (
        <Section title="Rationale">
          <p className="text-sm whitespace-pre-wrap text-slate-800">{response.rationale}</p>
        </Section>
      ) : null}
    </div>
  );
};
