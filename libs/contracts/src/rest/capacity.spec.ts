import { AUTH_ERROR_CODES } from '@plass/auth';
import type { z } from 'zod';
import {
  AlertsQuery,
  CAPACITY_ROUTES,
  CapacityForecastQuery,
  CapacityHistoryQuery,
  CapacityUnitsQuery,
  listAlerts,
  UtilizationReportQuery,
} from './capacity';
import { BEARER_TOKEN_PROBLEMS } from './problem';
import { contractRequest } from './client';

const messages = (result: { error?: z.ZodError }) =>
  (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('capacity REST contract', () => {
  it('lists every code of a refused bearer token as the auth library has them', () => {
    expect([...BEARER_TOKEN_PROBLEMS].sort()).toEqual([...AUTH_ERROR_CODES].sort());
  });

  it('declares each route once, on its own method and path, with a 401 for a refused token', () => {
    const ids = CAPACITY_ROUTES.map((r) => r.id);
    const endpoints = CAPACITY_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(endpoints).size).toBe(endpoints.length);
    for (const r of CAPACITY_ROUTES) expect(r.problems[401]).toBe(BEARER_TOKEN_PROBLEMS);
  });

  it('reads numbers and flags from query text and fills in the documented defaults', () => {
    expect(CapacityForecastQuery.parse({ days: '7' })).toEqual({ days: 7 });
    expect(CapacityForecastQuery.parse({})).toEqual({ days: 14 });
    expect(CapacityUnitsQuery.parse({ onlyAvailable: 'true', includeClosed: 'false' })).toEqual({
      onlyAvailable: true,
      includeClosed: false,
    });
    expect(
      CapacityHistoryQuery.parse({ scope: 'city', from: '2024-01-01', to: '2024-01-02T00:00:00+01:00' }),
    ).toMatchObject({ step: 'day' });
    expect(UtilizationReportQuery.parse({ from: '2024-01-01', to: '2025-01-01' })).toMatchObject({
      groupBy: 'category',
      format: 'json',
    });
  });

  it('takes alert statuses as one value, a comma-separated list or a repeated parameter', () => {
    expect(AlertsQuery.parse({})).toEqual({ status: ['open', 'acknowledged'], limit: 100, offset: 0 });
    expect(AlertsQuery.parse({ status: 'open, resolved', limit: '5' })).toEqual({
      status: ['open', 'resolved'],
      limit: 5,
      offset: 0,
    });
    expect(AlertsQuery.parse({ status: ['open', 'acknowledged'], code: 'OVER_CAPACITY' })).toMatchObject({
      status: ['open', 'acknowledged'],
      code: ['OVER_CAPACITY'],
    });
    // The client writes a list as a repeated parameter, which the schema reads back.
    expect(contractRequest(listAlerts, { query: { status: ['open', 'resolved'] } }).url).toBe(
      '/api/capacity/alerts?status=open&status=resolved',
    );
  });

  it('refuses what the service cannot answer, naming the field', () => {
    expect(messages(AlertsQuery.safeParse({ status: 'open,closed' }))).toEqual([
      'status.1: Invalid option: expected one of "open"|"acknowledged"|"resolved"',
    ]);
    expect(messages(AlertsQuery.safeParse({ scope: 'unit:' }))).toEqual([
      expect.stringMatching(/^scope: must be a scope key/),
    ]);
    expect(messages(CapacityForecastQuery.safeParse({ days: 'two' }))).toEqual([
      'days: must be a whole number from 1 to 90',
    ]);
    expect(messages(CapacityForecastQuery.safeParse({ days: '91' }))).toEqual([
      'days: must be a whole number from 1 to 90',
    ]);
    expect(messages(CapacityUnitsQuery.safeParse({ onlyAvailable: 'yes' }))).toEqual([
      'onlyAvailable: Invalid option: expected one of "true"|"false"',
    ]);
    expect(
      messages(CapacityHistoryQuery.safeParse({ scope: 'city', from: '2024-01-01T00:00', to: '2024-01-02' })),
    ).toEqual([expect.stringMatching(/^from: must be a date like 2024-01-01 .*with a time zone/)]);
    expect(
      messages(CapacityHistoryQuery.safeParse({ scope: 'city', from: 'x', to: 'y', name: 'Kari' })),
    ).toEqual(expect.arrayContaining([expect.stringMatching(/Unrecognized key: "name"/)]));
  });
});
