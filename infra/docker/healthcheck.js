// Docker HEALTHCHECK of infra/docker/service.Dockerfile: exits 0 when GET /health/ready on this
// service's port answers 200, 1 otherwise. Node's own fetch: the slim image has no curl or wget.
'use strict';

/** Port variable and its default per service (each services/<name>/src/config.ts). */
const PORTS = {
  'institution-service': ['INSTITUTION_PORT', 3001],
  'housing-service': ['HOUSING_PORT', 3002],
  'capacity-service': ['CAPACITY_PORT', 3003],
  'intake-service': ['INTAKE_PORT', 3004],
  gateway: ['GATEWAY_PORT', 8080],
};

const entry = PORTS[process.env.SERVICE];
if (!entry) {
  console.error(`healthcheck: unknown SERVICE "${process.env.SERVICE}"`);
  process.exit(1);
}
const [variable, fallback] = entry;
const url = `http://127.0.0.1:${process.env[variable] || fallback}/health/ready`;

fetch(url, { signal: AbortSignal.timeout(4000) })
  .then(async (response) => {
    if (response.ok) process.exit(0);
    // The readiness report names the failing check (postgres, kafka-consumer, …); docker inspect shows it.
    console.error(`healthcheck: ${url} answered ${response.status} ${await response.text()}`);
    process.exit(1);
  })
  .catch((error) => {
    console.error(`healthcheck: ${url} failed: ${error.message}`);
    process.exit(1);
  });
