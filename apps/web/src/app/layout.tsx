import type { Metadata } from "next";
import type { ReactNode } from "react";

import { QueryProvider } from "~/trpc/provider";

import "./globals.css";

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
