# The Team Billing server with its built console. Used by docker-compose.yml.
FROM node:20-bookworm AS build
WORKDIR /app
RUN npm install -g pnpm@12.4.2
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build && pnpm prune --prod

FROM node:20-bookworm-slim
WORKDIR /app
# Migrations run once, under their database lock, before the server (which then skips them).
ENV NODE_ENV=production DATA_DIR=/data PORT=4000 MIGRATE_ON_START=false
COPY --from=build /app /app
VOLUME /data
EXPOSE 4000
# exec: the server replaces the shell, so it receives SIGTERM itself and drains (SHUTDOWN_TIMEOUT_MS).
CMD ["sh", "-c", "node server/dist/scripts/migrate.js && exec node --max-old-space-size=${MAX_HEAP_MB:-192} --max-semi-space-size=16 server/dist/main.js"]
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
