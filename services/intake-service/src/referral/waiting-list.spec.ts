import type { ReferralUrgency } from '@plass/domain';
import { comparePriority, inPriorityOrder, waitingPositions, type QueuedReferral } from './waiting-list';

const T0 = Date.parse('2026-11-23T08:00:00.000Z');

/** A queued referral: `queued('a').urgency('acute').receivedAfterMinutes(30).build()`. */
function queued(id: string) {
  const referral: QueuedReferral = { id, urgency: 'planned', createdAt: new Date(T0) };
  const builder = {
    urgency(urgency: ReferralUrgency) {
      referral.urgency = urgency;
      return builder;
    },
    receivedAfterMinutes(minutes: number) {
      referral.createdAt = new Date(T0 + minutes * 60_000);
      return builder;
    },
    build: (): QueuedReferral => ({ ...referral }),
  };
  return builder;
}

const ids = (list: QueuedReferral[]) => list.map((r) => r.id);

describe(comparePriority.name, () => {
  it('puts acute before urgent before planned, however long the less urgent has waited', () => {
    const planned = queued('planned').urgency('planned').receivedAfterMinutes(0).build();
    const urgent = queued('urgent').urgency('urgent').receivedAfterMinutes(60).build();
    const acute = queued('acute').urgency('acute').receivedAfterMinutes(120).build();
    expect(ids(inPriorityOrder([planned, urgent, acute]))).toEqual(['acute', 'urgent', 'planned']);
  });

  it('puts the one who has waited longest first within an urgency', () => {
    const later = queued('later').urgency('urgent').receivedAfterMinutes(10).build();
    const earlier = queued('earlier').urgency('urgent').receivedAfterMinutes(5).build();
    expect(comparePriority(earlier, later)).toBeLessThan(0);
    expect(comparePriority(later, earlier)).toBeGreaterThan(0);
  });

  it('settles a tie by id, so the order does not depend on the order rows come in', () => {
    const b = queued('b').build();
    const a = queued('a').build();
    expect(ids(inPriorityOrder([b, a]))).toEqual(['a', 'b']);
    expect(ids(inPriorityOrder([a, b]))).toEqual(['a', 'b']);
    expect(comparePriority(a, { ...a })).toBe(0);
  });

  it('leaves its input as it was', () => {
    const list = [queued('p').build(), queued('a').urgency('acute').build()];
    inPriorityOrder(list);
    expect(ids(list)).toEqual(['p', 'a']);
  });
});

describe(waitingPositions.name, () => {
  it('numbers the waiting list from 1 in priority order', () => {
    const positions = waitingPositions([
      queued('planned-first').urgency('planned').receivedAfterMinutes(0).build(),
      queued('urgent-late').urgency('urgent').receivedAfterMinutes(90).build(),
      queued('acute').urgency('acute').receivedAfterMinutes(100).build(),
      queued('urgent-early').urgency('urgent').receivedAfterMinutes(30).build(),
    ]);
    expect(Object.fromEntries(positions)).toEqual({
      acute: 1,
      'urgent-early': 2,
      'urgent-late': 3,
      'planned-first': 4,
    });
  });

  it('moves everyone behind a new acute referral one place down', () => {
    const waiting = [
      queued('u').urgency('urgent').receivedAfterMinutes(0).build(),
      queued('p').urgency('planned').receivedAfterMinutes(0).build(),
    ];
    const before = waitingPositions(waiting);
    const after = waitingPositions([
      ...waiting,
      queued('new').urgency('acute').receivedAfterMinutes(500).build(),
    ]);
    expect(after.get('new')).toBe(1);
    for (const id of ['u', 'p']) expect(after.get(id)).toBe((before.get(id) ?? 0) + 1);
  });

  it('is empty for an empty list', () => {
    expect(waitingPositions([]).size).toBe(0);
  });
});
