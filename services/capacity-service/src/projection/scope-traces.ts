/**
 * Which trace each scope's change continues when one batch mixes the traces of several requests (under
 * load, one fetch brings the events of many admissions): the last event of the batch that touched the
 * scope (ADR 0153). A batch of one trace needs nothing: everything it writes continues the batch span's.
 */
import type { UnitOccupancyChangedEvent } from '@plass/contracts';
import { scopeKey } from '@plass/domain';
import { continuationOf, type TraceCarrier } from '@plass/observability';

/** The headers that continue the trace of a scope's change; undefined: the batch span's (bound to the transaction). */
export type TraceOfScope = (scopeKey: string) => TraceCarrier | undefined;

/** The scope keys an event's unit counts in (as `scopesOf` in project.ts, from the event alone). */
function scopeKeysOf(event: UnitOccupancyChangedEvent): string[] {
  const d = event.data;
  return [
    scopeKey('unit', event.subject),
    scopeKey('institution', d.institutionId),
    scopeKey('category', d.category),
    scopeKey('district', d.districtCode),
    scopeKey('provider-type', d.providerType),
    'city',
  ];
}

/** The trace id part of a version-00 `traceparent`, without parsing it (invalid ones fail later, in `continuationOf`). */
const traceIdPart = (carrier: TraceCarrier | undefined) => carrier?.traceparent?.slice(3, 35);

/**
 * `traces[i]` is the trace of `events[i]`; `batch` the headers of the batch's span. Undefined when the batch
 * holds at most one trace, so the common case costs one pass over the batch and nothing more.
 */
export function scopeTraces(
  events: readonly UnitOccupancyChangedEvent[],
  traces: readonly (TraceCarrier | undefined)[],
  batch?: TraceCarrier,
): TraceOfScope | undefined {
  const first = traces.map(traceIdPart).find((id) => id !== undefined);
  if (first === undefined || traces.every((t) => traceIdPart(t) === undefined || traceIdPart(t) === first)) {
    return undefined;
  }
  const byScope = new Map<string, TraceCarrier>();
  events.forEach((event, i) => {
    const carrier = traces[i];
    if (carrier) for (const key of scopeKeysOf(event)) byScope.set(key, carrier);
  });
  return (key) => continuationOf(byScope.get(key), batch);
}
