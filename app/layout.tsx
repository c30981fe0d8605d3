import type { Metadata } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import { COLOR_THEME_SCRIPT } from "@/lib/desk/color-theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Presswatch", template: "%s · Presswatch" },
  description: "State-media monitoring for analysts",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request: Next.js puts the request's CSP nonce (proxy.ts) on its scripts only
  // then; a page prerendered at build time would carry scripts without it, which the policy blocks.
  await connection();
  // The colour-theme script is ours and inline: it carries the same nonce, or the policy blocks it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The head script sets the dark class before the first paint; React is told that the class is not its own.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: COLOR_THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
