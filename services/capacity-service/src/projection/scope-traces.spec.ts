import { unitOccupancyChanged } from '@plass/contracts';
import { inConsumerSpan, startTracing, traceIdOf, type TraceCarrier } from '@plass/observability';
import { occupancyChangedEvent } from '@plass/testing';
import { scopeTraces } from './scope-traces';

const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACE_B = '0af7651916cd43dd8448eb211c80319c';
const traced = (traceId: string): TraceCarrier => ({ traceparent: `00-${traceId}-00f067aa0ba902b7-01` });

const U1 = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a51';
const U2 = '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a52';
const I1 = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c61';
const I2 = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c62';

const event = (unitId: string, institutionId: string) =>
  unitOccupancyChanged.parse(occupancyChangedEvent({ unitId, institutionId, sequence: 2, occupied: 1 }));

describe(scopeTraces.name, () => {
  beforeAll(() => startTracing('scope-traces-test', {}));

  it('needs nothing for a batch of one trace: everything continues the batch span', () => {
    const events = [event(U1, I1), event(U2, I2)];
    expect(scopeTraces(events, [traced(TRACE_A), traced(TRACE_A)])).toBeUndefined();
    expect(scopeTraces(events, [traced(TRACE_A), undefined])).toBeUndefined();
    expect(scopeTraces(events, [])).toBeUndefined();
  });

  it('gives each scope of a mixed batch the trace of the last event that touched it', async () => {
    const events = [event(U1, I1), event(U2, I2)];
    const traceOf = scopeTraces(events, [traced(TRACE_A), traced(TRACE_B)]);
    // Inside the consumer's span (of the first trace), as the projection runs.
    const found = await inConsumerSpan('process', [traced(TRACE_A), traced(TRACE_B)], {}, () =>
      Promise.resolve(
        [
          `unit:${U1}`,
          `institution:${I1}`,
          `unit:${U2}`,
          `institution:${I2}`,
          'city',
          'category:resource-centre',
          'unit:another',
        ].map((key) => traceIdOf(traceOf?.(key))),
      ),
    );
    expect(found).toEqual([TRACE_A, TRACE_A, TRACE_B, TRACE_B, TRACE_B, TRACE_B, undefined]);
  });
});
