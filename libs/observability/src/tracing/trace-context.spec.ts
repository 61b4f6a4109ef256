import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import {
  bindTrace,
  boundTrace,
  continuationOf,
  contextOf,
  headersOf,
  inConsumerSpan,
  MAX_BATCH_LINKS,
  spanContextOf,
  spanIdsOf,
  traceHeaders,
  traceIdOf,
  tracer,
  type TraceCarrier,
} from './trace-context';
import { startTracing } from './tracing';

const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACE_B = '0af7651916cd43dd8448eb211c80319c';
const carrier = (traceId: string, spanId = '00f067aa0ba902b7', tracestate?: string): TraceCarrier => ({
  traceparent: `00-${traceId}-${spanId}-01`,
  ...(tracestate ? { tracestate } : {}),
});

beforeAll(() => {
  startTracing('trace-context-test', {});
});

describe('trace carriers', () => {
  it('reads the trace id and span id of a valid traceparent', () => {
    expect(traceIdOf(carrier(TRACE_A))).toBe(TRACE_A);
    expect(spanContextOf(carrier(TRACE_A))).toMatchObject({
      traceId: TRACE_A,
      spanId: '00f067aa0ba902b7',
      traceFlags: 1,
      isRemote: true,
    });
  });

  it.each([
    ['no header', {}],
    ['garbage', { traceparent: 'not-a-trace' }],
    ['an all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }],
    ['an all-zero span id', { traceparent: `00-${TRACE_A}-${'0'.repeat(16)}-01` }],
    ['upper-case hex', { traceparent: `00-${TRACE_A.toUpperCase()}-00f067aa0ba902b7-01` }],
    ['version ff', { traceparent: `ff-${TRACE_A}-00f067aa0ba902b7-01` }],
  ])('finds no trace in %s', (_case, value: TraceCarrier) => {
    expect(traceIdOf(value)).toBeUndefined();
    expect(contextOf(value)).toBe(ROOT_CONTEXT);
  });

  it('writes the headers of the active span, tracestate included, and none without one', () => {
    expect(traceHeaders(ROOT_CONTEXT)).toEqual({});
    const parent = contextOf(carrier(TRACE_A, '00f067aa0ba902b7', 'plass=e2e,other=1'));
    const span = tracer.startSpan('child', {}, parent);
    const headers = traceHeaders(trace.setSpan(parent, span));
    span.end();
    expect(headers.traceparent).toBe(`00-${TRACE_A}-${span.spanContext().spanId}-01`);
    expect(headers.tracestate).toBe('plass=e2e,other=1');
    expect(headersOf(headers)).toEqual(headers);
    expect(headersOf({ traceparent: headers.traceparent })).toEqual({ traceparent: headers.traceparent });
  });
});

describe(continuationOf.name, () => {
  it("continues from the batch span when the message is of the batch span's trace", async () => {
    await inConsumerSpan('process', [carrier(TRACE_A)], {}, (batch) => {
      const span = spanIdsOf(batch);
      expect(span?.traceId).toBe(TRACE_A);
      expect(continuationOf(carrier(TRACE_A), batch)?.traceparent).toBe(`00-${TRACE_A}-${span?.spanId}-01`);
      return Promise.resolve();
    });
  });

  it("continues from the message's own parent when it is of another trace", async () => {
    await inConsumerSpan('process', [carrier(TRACE_A), carrier(TRACE_B, 'b7ad6b7169203331')], {}, (batch) => {
      expect(continuationOf(carrier(TRACE_B, 'b7ad6b7169203331'), batch)?.traceparent).toBe(
        `00-${TRACE_B}-b7ad6b7169203331-01`,
      );
      return Promise.resolve();
    });
  });

  it('has nothing to continue for a message without a trace', () => {
    expect(continuationOf(undefined, carrier(TRACE_A))).toBeUndefined();
    expect(continuationOf({ traceparent: 'junk' }, carrier(TRACE_A))).toBeUndefined();
  });
});

describe(bindTrace.name, () => {
  it('keeps a trace with its unit of work, and nothing for a carrier without one', () => {
    const manager = {};
    const other = {};
    bindTrace(manager, carrier(TRACE_A));
    bindTrace(other, {});
    expect(boundTrace(manager)).toEqual(carrier(TRACE_A));
    expect(boundTrace(other)).toBeUndefined();
    expect(boundTrace({})).toBeUndefined();
  });
});

describe(inConsumerSpan.name, () => {
  it("hands the work the headers of a child span of the messages' trace", async () => {
    const seen = await inConsumerSpan(
      'process t',
      [carrier(TRACE_A), carrier(TRACE_A)],
      {},
      async (batch) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return spanIdsOf(batch);
      },
    );
    expect(seen?.traceId).toBe(TRACE_A);
    expect(seen?.spanId).not.toBe('00f067aa0ba902b7');
  });

  it('links the other traces of a mixed batch, at most MAX_BATCH_LINKS of them', async () => {
    const others = Array.from({ length: MAX_BATCH_LINKS + 5 }, (_, i) =>
      carrier((i + 1).toString(16).padStart(32, '0')),
    );
    const startSpan = jest.spyOn(tracer, 'startSpan');
    const links = await inConsumerSpan('process t', [carrier(TRACE_A), ...others], {}, () => {
      const span = startSpan.mock.results.at(-1)?.value as {
        links: { context: { traceId: string } }[];
      };
      return Promise.resolve(span.links.map((l) => l.context.traceId));
    });
    startSpan.mockRestore();
    expect(links).toHaveLength(MAX_BATCH_LINKS);
    expect(links[0]).toBe(traceIdOf(others[0]));
    expect(links).not.toContain(TRACE_A);
  });

  it('starts a new trace for messages without one', async () => {
    const seen = await inConsumerSpan('process t', [undefined, { traceparent: 'junk' }], {}, (batch) =>
      Promise.resolve(spanIdsOf(batch)),
    );
    expect(seen?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(seen?.traceId).not.toBe(TRACE_A);
  });

  it('passes on what the work throws', async () => {
    await expect(
      inConsumerSpan('process t', [carrier(TRACE_A)], {}, () => Promise.reject(new Error('refused'))),
    ).rejects.toThrow('refused');
  });
});
