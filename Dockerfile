# The ops image: the `ops` CLI the every-minute `ops sessions reconcile` task runs (docs/operations.md).
# Built and pushed by .github/workflows/ops-image.yml for linux/amd64; the task references it by digest.
# deploy/ops-image/context.test.ts runs the CLI from the same context the build stage assembles.

# Build: the whole project, then exactly what the image gets (deploy/ops-image/context.ts).
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN npm run image:context -- --out /context

# Runtime: Node 20, the CLI's compiled closure, its production dependencies, migrations, price
# catalogs and the RDS CA bundle. Root-owned and read-only to the process: the task runs it with a
# read-only root file system, and the CLI writes nothing there.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
COPY --from=build /context/app /app
COPY --from=build /context/rds-global-bundle.pem /etc/ssl/certs/rds-global-bundle.pem
WORKDIR /app
# uid 1000 is the image's `node` user, the user the task definition names.
USER 1000:1000
ENTRYPOINT ["node", "/app/dist/cli/main.js"]
