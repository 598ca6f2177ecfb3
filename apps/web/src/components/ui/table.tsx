import type { ComponentProps, ReactNode } from "react";

/** A scrollable table with the app's borders and header style; rows are plain <tr>/<td>. */
export const Table = ({ caption, children }: { caption?: ReactNode; children: ReactNode }) => (
  <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      {caption ? <caption className="sr-only">{caption}</caption> : null}
      {children}
    </table>
  </div>
);

export const Th = ({ className = "", ...props }: ComponentProps<"th">) => (
  <th
    scope="col"
    className={`bg-slate-50 px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 ${className}`}
    {...props}
  />
);

export const Td = ({ className = "", ...props }: ComponentProps<"td">) => (
  <td className={`px-3 py-2 align-top text-slate-800 ${className}`} {...props} />
);
