/** The scopes capacity is counted for, and the key that names one: Kafka key, socket.io room, read-model row. */

export const SCOPES = ['city', 'district', 'category', 'institution', 'unit', 'provider-type'] as const;
export type Scope = (typeof SCOPES)[number];

/** What an alert is about: a unit, an institution, a service category city-wide, or a district's housing. */
export const ALERT_SCOPES = ['unit', 'institution', 'category', 'district'] as const;
export type AlertScope = (typeof ALERT_SCOPES)[number];

/** The key of a scope: `city`, `unit:<id>`, `category:<code>`, … */
export function scopeKey(scope: Scope, id?: string | null): string {
  return scope === 'city' ? 'city' : `${scope}:${id ?? ''}`;
}

/** The scope and id a key names; throws for a string that is not a scope key. */
export function parseScopeKey(key: string): { scope: Scope; id: string | null } {
  if (key === 'city') return { scope: 'city', id: null };
  const i = key.indexOf(':');
  const scope = key.slice(0, i) as Scope;
  if (i < 0 || !SCOPES.includes(scope)) throw new Error(`not a scope key: ${key}`);
  return { scope, id: key.slice(i + 1) };
}
