import type { ReactNode } from "react";

export const Card = ({
  title,
  actions,
  children,
  className = "",
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) => (
  <section className={`rounded-lg border border-slate-200 bg-white shadow-xs ${className}`}>
    {title || actions ? (
      <header className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        {title ? <h2 className="text-base font-semibold text-slate-900">{title}</h2> : <span />}
        {actions}
      </header>
    ) : null}
    <div className="p-4">{children}</div>
  </section>
);

export const PageHeader = ({
  title,
  description,
  actions,
}: {
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) => (
  <div className="mb-6 flex flex-wrap items-start justify-between gap-3">
    <div>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
    </div>
    {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
  </div>
);

export const EmptyState = ({ title, children }: { title: ReactNode; children?: ReactNode }) => (
  <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
    <p className="font-medium text-slate-900">{title}</p>
    {children ? <div className="mt-2 text-sm text-slate-600">{children}</div> : null}
  </div>
);

export const Alert = ({
  tone = "info",
  children,
}: {
  tone?: "info" | "error" | "success" | "warning";
  children: ReactNode;
}) => {
  const tones = {
    info: "border-brand-100 bg-brand-50 text-brand-800",
    error: "border-red-200 bg-red-50 text-red-800",
    success: "border-emerald-200 bg-emerald-50 text-emerald-800",
    warning: "border-amber-200 bg-amber-50 text-amber-900",
  } as const;
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-md border px-3 py-2 text-sm ${tones[tone]}`}
    >
      {children}
    </div>
  );
};
