import type { CategorizationParams, CategorizationResponse } from "@taskforge/schema";

import { AttachmentView, NoResponse, Section } from "../components/common";

/** The attachment, then every category with the chosen one(s) highlighted. */
export const CategorizationRenderer = ({
  params,
  response,
}: {
  params: CategorizationParams;
  response: CategorizationResponse | undefined;
}) => {
  const chosen = new Set(
    response === undefined
      ? []
      : Array.isArray(response.category)
        ? response.category
        : [response.category],
  );
  return (
    <div className="space-y-4">
      <Section title="Attachment">
        <AttachmentView type={params.attachment_type} content={params.attachment} />
      </Section>
      <Section title={params.allow_multiple ? "Categories (several allowed)" : "Categories"}>
        <ul className="flex flex-wrap gap-2" aria-label="Categories">
          {params.categories.map((category, index) => {
            const isChosen = chosen.has(category);
            const id = params.category_ids?.[index];
            const description = params.category_descriptions?.[category];
            return (
              <li
                key={category}
                data-chosen={isChosen ? "true" : "false"}
                aria-current={isChosen ? "true" : undefined}
                className={`rounded-md border px-3 py-1.5 text-sm ${
                  isChosen
                    ? "border-emerald-600 bg-emerald-50 font-semibold text-emerald-900"
                    : "border-slate-200 bg-white text-slate-700"
                }`}
              >
                {isChosen ? <span aria-hidden="true">✓ </span> : null}
                {category}
                {isChosen ? <span className="sr-only"> (chosen)</span> : null}
                {id !== undefined ? (
                  <span className="ml-1 text-xs font-normal text-slate-500">{id}</span>
                ) : null}
                {description !== undefined ? (
                  <span className="block text-xs font-normal text-slate-600">{description}</span>
                ) : null}
              </li>
            );
          })}
        </ul>
        {response === undefined ? <NoResponse /> : null}
      </Section>
    </div>
  );
};
