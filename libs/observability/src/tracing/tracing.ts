/**
 * The tracer provider of a service (ADR 0153): spans always exist, so trace ids propagate through the
 * flow; they leave the process only when an OTLP endpoint is configured. No auto-instrumentation: the
 * spans are the few this library makes at the boundaries (HTTP request, consumed batch).
 */
import { propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { z } from 'zod';
import { loadEnv } from '../load-env';

/** An empty variable counts as unset (compose files and manifests often leave one empty). */
const optionalUrl = z.preprocess(
  (value) => (value === '' ? undefined : value),
  z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
);

const tracingEnvSchema = z.object({
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl,
});

export interface TracingConfig {
  /** Where spans are sent (OTLP over HTTP); null: nowhere, the spans only carry ids. */
  tracesEndpoint: string | null;
}

/**
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` as it is, or `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces` (the OTLP
 * exporter specification's rule); neither: no export. A variable that is not an http(s) URL stops the service.
 */
export function tracingConfigFromEnv(service: string, env: NodeJS.ProcessEnv = process.env): TracingConfig {
  const parsed = loadEnv(service, tracingEnvSchema, env);
  const base = parsed.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracesEndpoint =
    parsed.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base.replace(/\/+$/, '')}/v1/traces` : null);
  return { tracesEndpoint };
}

export interface Tracing {
  service: string;
  config: TracingConfig;
  /** Whether spans leave the process (an OTLP exporter is registered). */
  exporting: boolean;
  /** Sends the spans still queued (at shutdown); resolves at once when nothing is exported. */
  flush(): Promise<void>;
}

let started: Tracing | null = null;

/**
 * Registers the process's tracer provider and the W3C propagator. No context manager: the trace is handed on
 * explicitly (ADR 0155). Once per process: a second call (tests that boot several apps) returns the first
 * registration.
 */
export function startTracing(service: string, env: NodeJS.ProcessEnv = process.env): Tracing {
  if (started) return started;
  const config = tracingConfigFromEnv(service, env);
  const processor = config.tracesEndpoint
    ? new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesEndpoint }))
    : null;
  const provider = new BasicTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: service })),
    spanProcessors: processor ? [processor] : [],
  });
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  started = {
    service,
    config,
    exporting: processor !== null,
    flush: () => (processor ? provider.forceFlush() : Promise.resolve()),
  };
  return started;
}

/** The registration of this process, if `startTracing` ran. */
export function currentTracing(): Tracing | null {
  return started;
}
