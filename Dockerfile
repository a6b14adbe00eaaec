# One image for the API, the worker and the migration command; docker-compose.yml picks which.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only: no embedded PostgreSQL or Meilisearch binaries in the image.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/libs/taxonomy/data ./libs/taxonomy/data
COPY --from=build /app/libs/identity/data ./libs/identity/data
COPY --from=build /app/config ./config
USER node
EXPOSE 3000
CMD ["node", "--enable-source-maps", "--heap-growing-percent=50", "--no-allocation-site-pretenuring", "dist/apps/api/src/main.js"]
