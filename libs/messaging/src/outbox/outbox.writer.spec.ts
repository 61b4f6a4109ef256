import { trace } from '@opentelemetry/api';
import { contextOf, startTracing, traceHeaders, tracer } from '@plass/observability';
import { outboxHeaders } from './outbox.writer';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const message = { topic: 't', key: 'k', value: '{}' };

describe(outboxHeaders.name, () => {
  beforeAll(() => startTracing('outbox-test', {}));

  const activeOf = (tracestate?: string) => {
    const parent = contextOf({ traceparent: `00-${TRACE}-00f067aa0ba902b7-01`, tracestate });
    const span = tracer.startSpan('request', {}, parent);
    span.end();
    return traceHeaders(trace.setSpan(parent, span));
  };

  it("stores the active span's trace context with the row (ADR 0153)", () => {
    const active = activeOf('plass=1');
    expect(outboxHeaders(message, active)).toEqual({
      traceparent: active.traceparent,
      tracestate: 'plass=1',
    });
    expect(active.traceparent).toMatch(new RegExp(`^00-${TRACE}-[0-9a-f]{16}-01$`));
  });

  it("keeps the message's own headers, and its own traceparent over the active one", () => {
    const active = activeOf();
    expect(outboxHeaders({ ...message, headers: { 'x-a': '1' } }, active)).toEqual({
      'x-a': '1',
      traceparent: active.traceparent,
    });
    const own = { traceparent: `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01` };
    expect(outboxHeaders({ ...message, headers: own }, active)).toEqual(own);
  });

  it('stores no headers when nothing is traced and the message has none', () => {
    expect(outboxHeaders(message, {})).toBeNull();
    expect(outboxHeaders({ ...message, headers: {} }, {})).toBeNull();
    expect(outboxHeaders(message)).toBeNull();
  });
});
