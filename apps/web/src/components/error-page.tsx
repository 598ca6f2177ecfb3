import type { ReactNode } from "react";

import { ButtonLink } from "./ui";

/**
 * The frame of the 404 and 403 pages: the status, what happened, and the way back. "/" sends a
 * signed-in person on to their dashboard or work, and anyone else to the sign-in choices.
 */
export const ErrorPage = ({
  status,
  title,
  children,
}: {
  status: number;
  title: string;
  children: ReactNode;
}) => (
  <main className="mx-auto max-w-xl px-4 py-24 text-center">
    <p className="text-sm font-semibold uppercase tracking-widest text-brand-700">{status}</p>
    <h1 className="mt-2 text-3xl font-semibold tracking-tight text-slate-900">{title}</h1>
    <div className="mt-3 text-slate-700">{children}</div>
    <div className="mt-8 flex justify-center gap-3">
      <ButtonLink href="/">Back to the dashboard</ButtonLink>
    </div>
  </main>
);
