import type { Metadata } from "next";
import type { ReactNode } from "react";

import { QueryProvider } from "~/trpc/provider";

import "./globals.css";

// Every page is rendered per request, so that its scripts carry the request's CSP nonce (see
// server/http/security-headers.ts): a prerendered page has none, and the browser would block them.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "taskforge", template: "%s · taskforge" },
  description: "Self-hosted human data labeling with a Scale-compatible Task API.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <QueryProvider>{children}</QueryProvider>
      </body>
    </html>
  );
}
