/**
 * What `npm run rebuild` does with each table of the capacity service's database (ADR 0054).
 * Every table must be listed: a table rebuild does not know makes it refuse, so that a new table is
 * a deliberate decision — derived from the replayable topics (truncate it), or holding something the
 * topics cannot give back (keep it). Add your table here in the change that creates it.
 */

export type TableReset =
  /** Derived from the topics only: emptied, and filled again by the replay. */
  | { reset: 'truncate' }
  /** Partly derived: the SQL empties what the replay gives back and keeps the rest. */
  | { reset: 'sql'; sql: string; why: string }
  /** Not derived from the topics, or not ours to touch: left as it is. */
  | { reset: 'keep'; why: string };

export const CAPACITY_TABLES: Record<string, TableReset> = {
  unit_state: { reset: 'truncate' },
  occupancy_event: { reset: 'truncate' },
  stay: { reset: 'truncate' },
  scope_history: { reset: 'truncate' },
  scope_totals: {
    reset: 'sql',
    sql: 'UPDATE scope_totals SET capacity = 0, occupied = 0, blocked = 0, reserved = 0, free = 0, over_capacity = 0, waiting = 0',
    why: 'totals restart from zero but keep their versions, so that versions only ever rise for clients and the Redis snapshot',
  },
  housing_unit_state: { reset: 'truncate' },
  // Every referral's latest state, replayed from intake.referrals.v1 (kept for ever, ADR 0162).
  referral_state: { reset: 'truncate' },
  // Each declined offer once, replayed from the same topic (ADR 0167).
  referral_offer_decline: { reset: 'truncate' },
  // Each purchased place's latest state, replayed from intake.purchases.v1 (kept for ever, ADR 0225).
  purchase: { reset: 'truncate' },
  housing_need: { reset: 'truncate' },
  housing_district: {
    reset: 'keep',
    why: "holds only each district's published housing version, which must keep rising",
  },
  alert: {
    reset: 'keep',
    why: "holds people's acknowledgements, which no topic carries; the replay re-evaluates open alerts",
  },
  alert_event: { reset: 'keep', why: "the alerts' history, acknowledgements included" },
  notification_subscription: {
    reset: 'keep',
    why: "people's e-mail subscriptions and organisations' webhooks, which no topic carries",
  },
  notification_delivery: {
    reset: 'keep',
    why: 'notifications not yet sent, and the delivery log; a rebuild must not send an alert twice',
  },
  notification_attempt: { reset: 'keep', why: "the webhooks' delivery log" },
  audit_entry: {
    reset: 'keep',
    why: 'who changed what and when (ADR 0200): append-only, no topic carries it, only the retention purge deletes',
  },
  outbox: { reset: 'keep', why: 'messages not yet published; the relay sends them when the service starts' },
  typeorm_migrations: { reset: 'keep', why: 'the schema does not change' },
};

/**
 * The capacity service's consumer groups: `capacity-service` and `capacity-service.<feature>`. The
 * rebuild resets every such group, on every topic it has committed offsets for, to the earliest offset.
 */
export const CONSUMER_GROUP_PREFIX = 'capacity-service';

export function isCapacityGroup(groupId: string, topicPrefix: string): boolean {
  const own = topicPrefix ? groupId.slice(topicPrefix.length + 1) : groupId;
  if (topicPrefix && !groupId.startsWith(`${topicPrefix}.`)) return false;
  return own === CONSUMER_GROUP_PREFIX || own.startsWith(`${CONSUMER_GROUP_PREFIX}.`);
}
