// Vitest runs server modules outside Next.js; the real "server-only" throws there.
export {};
