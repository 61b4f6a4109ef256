import { canonicalJson, idempotencyRequestOf, requestBodyHash } from './request-fingerprint';
import { parseIdempotencyKey } from './idempotency.service';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and leaves out whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('keeps array order, which is meaningful', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it('writes numbers and strings as JSON does (RFC 8785), and leaves out undefined fields', () => {
    expect(canonicalJson({ n: 1e21, f: 0.1, s: 'æ"\n', u: undefined })).toBe(
      '{"f":0.1,"n":1e+21,"s":"æ\\"\\n"}',
    );
  });

  it('copes with a body nested deeper than the call stack (JSON.parse accepts it)', () => {
    const depth = 200_000;
    const deep = JSON.parse(`${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) as unknown;
    expect(canonicalJson(deep)).toHaveLength(depth * 6 + 1);
    const deepArray = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
    expect(requestBodyHash(deepArray)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stands for no body with the empty string, and refuses a non-finite number', () => {
    expect(canonicalJson(undefined)).toBe('');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
  });
});

describe('requestBodyHash', () => {
  it('is the SHA-256 of the canonical JSON, so key order does not change it', () => {
    const hash = requestBodyHash({ referringDistrictCode: '030101', allowOverCapacity: false });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(requestBodyHash({ allowOverCapacity: false, referringDistrictCode: '030101' })).toBe(hash);
  });

  it('differs for any other value', () => {
    const hash = requestBodyHash({ referringDistrictCode: '030101' });
    expect(requestBodyHash({ referringDistrictCode: '030102' })).not.toBe(hash);
    expect(requestBodyHash({ referringDistrictCode: '030101', allowOverCapacity: true })).not.toBe(hash);
    expect(requestBodyHash(undefined)).not.toBe(requestBodyHash({}));
  });
});

describe('idempotencyRequestOf', () => {
  it('binds the key to method, matched route, concrete path and body hash', () => {
    const body = { occupied: 3, blocked: 0 };
    expect(
      idempotencyRequestOf({
        method: 'PUT',
        path: '/api/units/u1/census',
        route: { path: '/api/units/:unitId/census' },
        body,
        headers: { 'idempotency-key': 'k1' },
      }),
    ).toEqual({
      key: 'k1',
      method: 'PUT',
      route: '/api/units/:unitId/census',
      path: '/api/units/u1/census',
      bodyHash: requestBodyHash(body),
      // A request no traceRequests middleware saw has no trace to hand on.
      trace: {},
    });
  });

  it('does not hash the body of a write without a key', () => {
    const request = { method: 'POST', path: '/api/institutions', body: { name: 'x' }, headers: {} };
    expect(idempotencyRequestOf(request)).toMatchObject({
      key: undefined,
      bodyHash: '',
      route: '/api/institutions',
    });
  });
});

describe('parseIdempotencyKey', () => {
  it('takes the bare form and the draft sf-string form ("…") as the same key', () => {
    expect(parseIdempotencyKey('8e03978e-40d5')).toBe('8e03978e-40d5');
    expect(parseIdempotencyKey('"8e03978e-40d5"')).toBe('8e03978e-40d5');
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it('refuses spaces, empty keys and overlong keys with 400', () => {
    for (const bad of ['a b', '', '""', 'x'.repeat(201)]) {
      expect(() => parseIdempotencyKey(bad)).toThrow(/Idempotency-Key must be/);
    }
  });
});
