"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A sidebar link marked as the current page for its section (and announced as such). */
export const NavLink = ({ href, label }: { href: string; label: string }) => {
  const pathname = usePathname();
  const current = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`block rounded-md px-3 py-2 text-sm font-medium no-underline hover:no-underline ${
        current ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100"
      }`}
    >
      {label}
    </Link>
  );
};
