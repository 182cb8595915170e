# The Team Billing server with its built console. Used by docker-compose.yml.
FROM node:20-bookworm AS build
WORKDIR /app
RUN npm install -g pnpm@12.4.2
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build && pnpm prune --prod

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production DATA_DIR=/data PORT=4000
COPY --from=build /app /app
VOLUME /data
EXPOSE 4000
CMD ["sh", "-c", "exec node --max-old-space-size=${MAX_HEAP_MB:-192} server/dist/main.js"]
