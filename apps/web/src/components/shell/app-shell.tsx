import Link from "next/link";
import type { ReactNode } from "react";

import { SignOutButton } from "../sign-out-button";
import { ModeSwitch } from "./mode-switch";
import { NavLink } from "./nav-link";

export type NavItem = { href: string; label: string };

/** The frame of every signed-in page: a sidebar (a top bar on small screens) and the content. */
export const AppShell = ({
  nav,
  title,
  user,
  mode,
  children,
}: {
  nav: NavItem[];
  title: string;
  user: { email: string; name?: string | null | undefined };
  mode?: "live" | "test";
  children: ReactNode;
}) => (
  <div className="min-h-screen md:flex">
    <a
      href="#content"
      className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2"
    >
      Skip to content
    </a>
    <aside className="border-b border-slate-200 bg-white md:sticky md:top-0 md:h-screen md:w-56 md:shrink-0 md:border-b-0 md:border-r">
      <div className="flex items-center justify-between px-4 py-4">
        <Link href="/" className="text-lg font-bold tracking-tight text-slate-900 no-underline">
          taskforge
        </Link>
      </div>
      <p className="truncate px-4 pb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">
        {title}
      </p>
      <nav
        aria-label="Main"
        className="flex gap-1 overflow-x-auto px-2 pb-3 md:block md:space-y-0.5"
      >
        {nav.map((item) => (
          <NavLink key={item.href} href={item.href} label={item.label} />
        ))}
      </nav>
    </aside>
    <div className="min-w-0 flex-1">
      <header className="flex items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-2">
        {mode ? <ModeSwitch mode={mode} /> : null}
        <span className="truncate text-sm text-slate-700">{user.name ?? user.email}</span>
        <SignOutButton />
      </header>
      <main id="content" className="mx-auto max-w-7xl px-4 py-6 md:px-8">
        {children}
      </main>
    </div>
  </div>
);
