import type { Metadata } from "next";
import type { ReactNode } from "react";

import "./globals.css";

export const metadata: Metadata = {
  title: "taskforge",
  description: "Self-hosted human data labeling with a Scale-compatible Task API.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <span className="brand">taskforge</span>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
