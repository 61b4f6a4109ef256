/**
 * W3C Trace Context (`traceparent`, `tracestate`) across the boundaries of the flow: HTTP requests, outbox
 * rows, Kafka headers and socket payloads (ADR 0153). The rest of the code handles a small carrier of the
 * two header values and never the OpenTelemetry propagator itself.
 *
 * The carrier is handed on explicitly — from the request to its transaction (`bindTrace`), from a consumed
 * batch to its handler — never through an ambient async context: AsyncLocalStorage costs every promise of
 * the process its hooks, which the bench measured as 7–20 % more CPU per write (ADR 0155).
 */
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  isSpanContextValid,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type SpanContext,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';

/** The trace context as it travels: the two W3C headers, as text. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** The one tracer of the project: spans are made at the boundaries only, by the functions of this library. */
export const tracer = trace.getTracer('plassoversikt');

/**
 * The official W3C propagator, used directly (not through the global API) so that the ids propagate
 * the same whether or not `startTracing` ran in this process.
 */
const propagator = new W3CTraceContextPropagator();

/** The trace context a carrier holds, on top of `base`; `base` itself when the carrier holds none valid. */
export function contextOf(carrier: TraceCarrier | undefined, base: Context = ROOT_CONTEXT): Context {
  if (!carrier?.traceparent) return base;
  return propagator.extract(base, carrier, defaultTextMapGetter);
}

/** The remote span context of a carrier; undefined when it has no valid `traceparent`. */
export function spanContextOf(carrier: TraceCarrier | undefined): SpanContext | undefined {
  if (!carrier?.traceparent) return undefined;
  const found = trace.getSpanContext(contextOf(carrier));
  return found && isSpanContextValid(found) ? found : undefined;
}

/** The 32 hex digits of the carrier's trace; undefined when it has no valid `traceparent`. */
export function traceIdOf(carrier: TraceCarrier | undefined): string | undefined {
  return spanContextOf(carrier)?.traceId;
}

/**
 * The headers that continue the trace of `ctx`: the span set there becomes the parent of whatever receives
 * them. Empty when `ctx` holds no valid span.
 */
export function traceHeaders(ctx: Context): TraceCarrier {
  const carrier: TraceCarrier = {};
  propagator.inject(ctx, carrier, defaultTextMapSetter);
  return carrier;
}

/** The carrier as message headers: only the headers it has. */
export function headersOf(carrier: TraceCarrier | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (carrier?.traceparent) headers[TRACEPARENT_HEADER] = carrier.traceparent;
  if (carrier?.tracestate) headers[TRACESTATE_HEADER] = carrier.tracestate;
  return headers;
}

/** The trace id and span id a carrier names; undefined when it has no valid `traceparent`. */
export function spanIdsOf(
  carrier: TraceCarrier | undefined,
): { traceId: string; spanId: string } | undefined {
  const found = spanContextOf(carrier);
  return found ? { traceId: found.traceId, spanId: found.spanId } : undefined;
}

/**
 * The headers for an output caused by a message that carried `carrier`, written by the handler of a batch
 * whose span is `batch`: the batch span's when it is of the same trace (the output becomes its child), the
 * message's own otherwise (a batch that mixes traces runs in the span of the first; each output still
 * continues the trace of the message that caused it).
 */
export function continuationOf(
  carrier: TraceCarrier | undefined,
  batch: TraceCarrier | undefined,
): TraceCarrier | undefined {
  const cause = spanContextOf(carrier);
  if (!cause) return undefined;
  if (batch && traceIdOf(batch) === cause.traceId) return batch;
  return traceHeaders(trace.setSpanContext(ROOT_CONTEXT, cause));
}

/** The trace each unit of work (a transaction's `EntityManager`) continues, for the outbox rows it writes. */
const bound = new WeakMap<object, TraceCarrier>();

/**
 * Makes `work` (a transaction's `EntityManager`) continue `carrier`: the outbox rows written with it carry
 * the trace (ADR 0155). Nothing when the carrier holds no `traceparent`.
 */
export function bindTrace(work: object, carrier: TraceCarrier | undefined): void {
  if (carrier?.traceparent) bound.set(work, carrier);
}

/** The trace `work` was bound to; undefined when none. */
export function boundTrace(work: object): TraceCarrier | undefined {
  return bound.get(work);
}

/** Links of one batch span at most; the rest of a very large mixed batch is left out of the span. */
export const MAX_BATCH_LINKS = 128;

/**
 * Runs `work` in a consumer span of the messages' traces, handing it the span's headers: a batch of one
 * trace (the usual case, and every batch at low load) becomes a child of it; a batch mixing traces becomes
 * a child of the first and links the others. A batch without any trace starts a new one. Ends the span,
 * marked failed when `work` throws.
 */
export async function inConsumerSpan<T>(
  name: string,
  carriers: readonly (TraceCarrier | undefined)[],
  attributes: Attributes,
  work: (span: TraceCarrier) => Promise<T>,
): Promise<T> {
  const seen = new Set<string>();
  const causes: SpanContext[] = [];
  for (const carrier of carriers) {
    // The parent and the links are all a span keeps: a large batch is not parsed beyond them.
    if (causes.length > MAX_BATCH_LINKS) break;
    const traceparent = carrier?.traceparent;
    if (!traceparent || seen.has(traceparent)) continue;
    seen.add(traceparent);
    const cause = spanContextOf(carrier);
    if (cause) causes.push(cause);
  }
  const parent = causes.length > 0 ? trace.setSpanContext(ROOT_CONTEXT, causes[0]) : ROOT_CONTEXT;
  const links: Link[] = causes.slice(1, MAX_BATCH_LINKS + 1).map((cause) => ({ context: cause }));
  const span = tracer.startSpan(name, { kind: SpanKind.CONSUMER, attributes, links }, parent);
  try {
    return await work(traceHeaders(trace.setSpan(parent, span)));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
    throw error;
  } finally {
    span.end();
  }
}
