/**
 * The referral demo data through a real stack (gateway → intake service → Kafka → capacity service): it
 * loads the waiting list once, a second run registers nothing, and the capacity service counts it.
 */
import { signDevToken } from '@plass/auth';
import { getCapacitySummary, listReferrals } from '@plass/contracts';
import { contractApi, eventually, startTestStack, type TestStack } from '@plass/testing';
import { seedReferralDemo } from './referral-demo';

describe(seedReferralDemo.name, () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ only: ['intake-service', 'capacity-service', 'gateway'] });
  }, 120_000);

  afterAll(async () => {
    await stack?.dispose();
  });

  it('loads the waiting list once, and the capacity service counts it as waiting', async () => {
    expect(await seedReferralDemo(stack.gatewayUrl)).toBe(
      'referral demo data loaded: 36 referrals (34 waiting, 2 withdrawn; 8 acute) from 15 districts',
    );
    expect(await seedReferralDemo(stack.gatewayUrl)).toBe('referral demo data already loaded (36 referrals)');

    const api = contractApi(
      stack.gatewayUrl,
      await signDevToken({ roles: ['intake'], institutionIds: [], districtCode: null }),
    );
    expect(await api.call(listReferrals, {})).toHaveLength(34);
    await eventually(
      async () => {
        const summary = await api.call(getCapacitySummary, {});
        expect(summary.city.waiting).toBe(34);
        // Eight acute referrals, one of them withdrawn again.
        expect(summary.categories.find((c) => c.key === 'category:acute')?.waiting).toBe(7);
      },
      { timeoutMs: 20_000 },
    );
  });
});
