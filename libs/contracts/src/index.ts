export * from './envelope';
export * from './events/capacity-changed';
export * from './events/unit-occupancy-changed';
export * from './rest';
export * from './socket';
export * from './topics';
