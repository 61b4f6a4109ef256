# One image for every Node service of Plassoversikt, chosen with the build argument SERVICE
# (institution-service | housing-service | capacity-service | gateway). Build from the repository root:
#
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=gateway -t plassoversikt/gateway .
#
# The service runs from its TypeScript source through @swc-node/register, exactly as `npm start`
# runs it (ADR 0002, ADR 0030). Needs no BuildKit-only syntax; any Docker engine that builds
# multi-stage Dockerfiles will do (BuildKit, the default since Docker 23, caches it best).

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- manifests: only the npm manifests, so the dependency layer is rebuilt only when one of them changes.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
# The same folders as "workspaces" in package.json; a workspace folder that does not exist yet is skipped.
RUN mkdir /manifests \
 && for f in package.json package-lock.json libs/*/package.json services/*/package.json tools/package.json e2e/package.json security/package.json; do \
      if [ -f "$f" ]; then cp --parents "$f" /manifests/; fi; \
    done

# ---- deps: production dependencies exactly as locked. They include @swc-node/register, @swc/core and
# typescript (a required peer of @swc-node/register, which reads tsconfig.json with it at run time).
# No install scripts: the native SWC binaries come as optional dependencies.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# ---- runtime
# The dashboard is built once with the full (dev) dependencies; only its static files reach the image.
FROM ${NODE_IMAGE} AS web
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY services/web ./services/web
RUN npm run build:web

FROM ${NODE_IMAGE} AS runtime
# jose 6 is ES modules only and is loaded with require(esm), which needs Node >= 20.19.
RUN node -e 'const [major, minor] = process.versions.node.split(".").map(Number); \
  if (major < 20 || (major === 20 && minor < 19)) { console.error("Node " + process.version + " is too old: Plassoversikt needs >= 20.19"); process.exit(1); }'
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0
# Everything up to the SERVICE argument is the same for the five services, so they share these layers.
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY services ./services
COPY --from=web /app/services/web/dist ./services/web/dist
COPY infra/docker/healthcheck.js ./infra/docker/healthcheck.js

ARG SERVICE
RUN set -e; \
    case "$SERVICE" in \
      institution-service|housing-service|capacity-service|intake-service|gateway) ;; \
      *) echo "SERVICE must be institution-service, housing-service, capacity-service, intake-service or gateway (got '$SERVICE')" >&2; exit 1 ;; \
    esac; \
    if [ ! -f "services/$SERVICE/src/main.ts" ]; then echo "services/$SERVICE/src/main.ts does not exist" >&2; exit 1; fi
ENV SERVICE=${SERVICE}

# Files stay owned by root: the service only reads them (the SWC transform cache goes to /tmp).
USER node

# GET /health/ready on the service's own port, with Node's fetch (the slim image has no curl).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "/app/infra/docker/healthcheck.js"]

# sh expands SERVICE; exec makes node the main process so it receives SIGTERM itself.
CMD ["/bin/sh", "-c", "exec node -r @swc-node/register \"services/${SERVICE}/src/main.ts\""]
