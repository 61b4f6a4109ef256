import type { z } from 'zod';
import {
  CreateEmailSubscriptionBody,
  CreateWebhookBody,
  NOTIFICATION_ROUTES,
  NotificationScope,
} from './notifications';
import { BEARER_TOKEN_PROBLEMS } from './problem';

const messages = (result: { error?: z.ZodError }) =>
  (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('notifications REST contract', () => {
  it('declares each route once under /api/notifications, with a 401 for a refused token', () => {
    const ids = NOTIFICATION_ROUTES.map((r) => r.id);
    const endpoints = NOTIFICATION_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(endpoints).size).toBe(endpoints.length);
    for (const r of NOTIFICATION_ROUTES) {
      expect(r.path.startsWith('/api/notifications/')).toBe(true);
      expect(r.problems[401]).toBe(BEARER_TOKEN_PROBLEMS);
    }
  });

  it('takes a webhook with codes, an optional scope and a secret of at least 16 characters', () => {
    const body = { url: 'https://varsel.example.no/hook', codes: ['OVER_CAPACITY'], secret: 'x'.repeat(16) };
    expect(CreateWebhookBody.safeParse(body).success).toBe(true);
    expect(messages(CreateWebhookBody.safeParse({ ...body, secret: 'kort' }))).toEqual([
      'secret: Too small: expected string to have >=16 characters',
    ]);
    expect(CreateWebhookBody.safeParse({ ...body, codes: [] }).success).toBe(false);
    expect(CreateWebhookBody.safeParse({ ...body, codes: ['NOPE'] }).success).toBe(false);
    expect(CreateWebhookBody.safeParse({ ...body, extra: 1 }).success).toBe(false);
  });

  it('takes an e-mail subscription with a valid address only', () => {
    const body = { address: 'ola@bydel-sagene.oslo.kommune.no', codes: ['HOUSING_SHORTAGE'] };
    expect(CreateEmailSubscriptionBody.safeParse(body).success).toBe(true);
    expect(CreateEmailSubscriptionBody.safeParse({ ...body, address: 'ikke en adresse' }).success).toBe(
      false,
    );
  });

  it('knows the scope types a subscription may name', () => {
    expect(NotificationScope.safeParse({ type: 'district', id: '030103' }).success).toBe(true);
    expect(NotificationScope.safeParse({ type: 'provider-type', id: 'private' }).success).toBe(false);
  });
});
