# Presswatch's image: the web server (Next.js standalone server) and the background worker, one image for both
# (compose.yaml runs it twice). Built in three stages so the runtime has no compiler, cache or dev dependency.
# Not built on our machines (they cannot pull base images): see README, "Deploying".

FROM node:20-bookworm-slim AS deps
WORKDIR /app
# prisma generate runs in postinstall; without a schema engine binary it would try to download one.
ENV PRISMA_SCHEMA_ENGINE_BINARY=/bin/sh NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
RUN NEXT_OUTPUT=standalone npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 HOSTNAME=0.0.0.0 PORT=3000
RUN groupadd --system --gid 10001 presswatch && useradd --system --uid 10001 --gid presswatch --home /app presswatch
# The whole tree, not only the standalone output: the worker, the migration runner and the parser threads
# (lib/ingest/parse-worker-boot.mjs) run the TypeScript sources through tsx.
COPY --from=build --chown=presswatch:presswatch /app/package.json /app/tsconfig.json /app/prisma.config.ts ./
COPY --from=build --chown=presswatch:presswatch /app/node_modules ./node_modules
COPY --from=build --chown=presswatch:presswatch /app/lib ./lib
COPY --from=build --chown=presswatch:presswatch /app/scripts ./scripts
COPY --from=build --chown=presswatch:presswatch /app/prisma ./prisma
COPY --from=build --chown=presswatch:presswatch /app/.next ./.next
# The standalone server (server.js) runs from /app, where it finds .next and node_modules.
COPY --from=build --chown=presswatch:presswatch /app/.next/standalone/server.js ./server.js
USER presswatch
EXPOSE 3000
# Migrations first (one transaction each; a second container starting at once waits on the same lock), then
# the server with the preload that stamps each request with its socket's address (scripts/peer-address.mjs),
# as WEB_CONCURRENCY worker processes sharing port 3000 (scripts/web-cluster.mjs; default: one per core the
# container may use), since one Node process renders pages on one core only.
CMD ["sh", "-c", "node --conditions=react-server --import tsx scripts/migrate.ts && exec node --import ./scripts/peer-address.mjs scripts/web-cluster.mjs server.js"]
