# One image for every Node service of Plassoversikt, chosen with the build argument SERVICE
# (institution-service | housing-service | capacity-service | intake-service | gateway). Build from the
# repository root:
#
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=gateway -t plassoversikt/gateway .
#
# The image runs the compiled JavaScript of `npm run build` (dist/) with plain `node`: no TypeScript, no
# @swc-node/register and no dev dependencies at run time (ADR 0206, which replaces ADR 0030's run-from-source).
# It runs as the unprivileged node user (uid 1000) and writes nothing outside /tmp, so it runs with a read-only
# root file system (compose: `read_only: true` and a tmpfs on /tmp). Needs no BuildKit-only syntax; any Docker
# engine that builds multi-stage Dockerfiles will do (BuildKit, the default since Docker 23, caches it best).

# ---- base: Node 24 LTS ("Krypton", supported until April 2028), pinned by digest so a rebuild gets the same
# bytes; Dependabot (.github/dependabot.yml) proposes the new digest when the tag moves (ADR 0208). Written
# out here once, not as an ARG: Dependabot does not update an image named through an ARG in FROM.
FROM node:24-bookworm-slim@sha256:6f7b03f7c2c8e2e784dcf9295400527b9b1270fd37b7e9a7285cf83b6951452d AS base

# ---- manifests: only the npm manifests, so the dependency layers are rebuilt only when one of them changes.
FROM base AS manifests
WORKDIR /src
COPY . .
# The same folders as "workspaces" in package.json; a workspace folder that does not exist yet is skipped.
RUN mkdir /manifests \
 && for f in package.json package-lock.json libs/*/package.json services/*/package.json tools/package.json e2e/package.json security/package.json bench/package.json; do \
      if [ -f "$f" ]; then cp --parents "$f" /manifests/; fi; \
    done

# ---- build: every dependency (SWC, Vite, TypeScript for reading tsconfig.json), then `npm run build`:
# the dashboard (services/web/dist) and the services and libraries compiled to CommonJS under dist/.
# No install scripts: the native SWC and Vite binaries come as optional dependencies.
FROM base AS build
WORKDIR /src
COPY --from=manifests /manifests/ ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY libs ./libs
COPY services ./services
COPY tools ./tools
RUN npm run build

# ---- deps: production dependencies only, exactly as locked (no SWC, no TypeScript, no Vite).
FROM base AS deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime
FROM base AS runtime
# jose 6 is ES modules only and is loaded with require(esm), which needs Node >= 20.19.
RUN node -e 'const [major, minor] = process.versions.node.split(".").map(Number); \
  if (major < 20 || (major === 20 && minor < 19)) { console.error("Node " + process.version + " is too old: Plassoversikt needs >= 20.19"); process.exit(1); }'
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0
# Everything up to the SERVICE argument is the same for the five services, so they share these layers.
# The workspace links in node_modules/@plass point at folders that are not in the image: nothing follows
# them, since the compiled code requires the libraries by relative path (dist/libs/...).
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY infra/docker/healthcheck.js ./infra/docker/healthcheck.js

ARG SERVICE
# main.js is a link to the service's compiled entry, so CMD needs no shell to pick it (Node follows the
# link: __dirname is the entry's own folder under dist/).
RUN set -e; \
    case "$SERVICE" in \
      institution-service|housing-service|capacity-service|intake-service|gateway) ;; \
      *) echo "SERVICE must be institution-service, housing-service, capacity-service, intake-service or gateway (got '$SERVICE')" >&2; exit 1 ;; \
    esac; \
    if [ ! -f "dist/services/$SERVICE/src/main.js" ]; then echo "dist/services/$SERVICE/src/main.js was not built" >&2; exit 1; fi; \
    ln -s "dist/services/$SERVICE/src/main.js" main.js
ENV SERVICE=${SERVICE}

# Files stay owned by root: the service only reads them. 1000 is the image's `node` user, numeric so a
# runtime that requires a non-root user (Kubernetes runAsNonRoot) can check it.
USER 1000:1000

# GET /health/ready on the service's own port, with Node's fetch (the slim image has no curl).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "/app/infra/docker/healthcheck.js"]

CMD ["node", "main.js"]
