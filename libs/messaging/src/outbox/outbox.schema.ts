/** The outbox table every producing service adds in a migration of its own. */
export const OUTBOX_CHANNEL = 'plass_outbox';

export const OUTBOX_UP_SQL = `
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  topic text NOT NULL,
  key text NOT NULL,
  value text NOT NULL,
  headers jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz,
  attempts int NOT NULL DEFAULT 0,
  last_error text,
  failed_at timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE published_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
`;

export const OUTBOX_DOWN_SQL = 'DROP TABLE outbox;';
