import { stackConsumerGroups } from './seed';

describe(stackConsumerGroups.name, () => {
  const groups = [
    'capacity-service',
    'capacity-service.housing',
    'capacity-service.referrals',
    'gateway.g1',
    'gateway-alerts.g1',
    'gateway-referrals.g1',
    'intake-service.units',
    'intake-service.reservations',
    'institution-service.offers',
    'other.capacity-service',
    'someone-else',
  ];

  it("finds every group of the stack's services, the projections and feeds added later too", () => {
    expect(stackConsumerGroups(groups, '')).toEqual(groups.slice(0, 9));
  });

  it("keeps to the stack's namespace", () => {
    expect(
      stackConsumerGroups(['run1.capacity-service.referrals', 'run2.gateway.g1', 'capacity-service'], 'run1'),
    ).toEqual(['run1.capacity-service.referrals']);
  });
});
