/** How long and how big each measurement runs: quick (default, ≤ 5 min) or full (`-- --full`, ≤ 20 min). */
export interface Mode {
  name: 'quick' | 'full';
  /** The whole run stops starting new measurements after this, and is ended at budgetMs + 45 s. */
  budgetMs: number;
  /** How long a latency step waits for its last writes' changes before it counts them unseen. */
  settleMs: number;
  floor: { rates: number[]; durationMs: number };
  latency: {
    rates: number[];
    durationMs: number;
    warmupMs: number;
    /** Units written to; each has at most one write whose change has not been seen yet. */
    units: number;
    /** Subscribed clients in all, one of them the measuring client. */
    clients: number;
  };
  fanout: { clients: number; farms: number; changes: number };
  drain: { events: number; units: number };
  national: { units: number; unitsPerInstitution: number; summaryRequests: number };
}

export const QUICK: Mode = {
  name: 'quick',
  budgetMs: 4.2 * 60_000,
  settleMs: 8000,
  floor: { rates: [50, 200, 500], durationMs: 3000 },
  latency: { rates: [50, 200, 500], durationMs: 8000, warmupMs: 2000, units: 200, clients: 500 },
  fanout: { clients: 2000, farms: 2, changes: 8 },
  drain: { events: 20_000, units: 2000 },
  national: { units: 50_000, unitsPerInstitution: 5, summaryRequests: 500 },
};

export const FULL: Mode = {
  name: 'full',
  budgetMs: 18 * 60_000,
  settleMs: 20_000,
  floor: { rates: [50, 200, 500], durationMs: 15_000 },
  latency: { rates: [50, 200, 500], durationMs: 60_000, warmupMs: 5000, units: 400, clients: 500 },
  fanout: { clients: 2000, farms: 2, changes: 30 },
  drain: { events: 100_000, units: 10_000 },
  national: { units: 50_000, unitsPerInstitution: 5, summaryRequests: 2000 },
};
