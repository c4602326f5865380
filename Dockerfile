# One image for the three Liaison processes; docker-compose.yml picks the command.
#   api       node dist/apps/api/src/main.js        (the default)
#   worker    node dist/apps/worker/src/main.js
#   notifier  node dist/apps/notifier/src/main.js
# Docker is optional: `npm run stack` and `npm run test:all` do not use it.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No package install scripts, as on the development machines (package.json "allowScripts"):
# the Temporal SDK, BullMQ and the rest ship prebuilt binaries and work without them.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json /app/package-lock.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
