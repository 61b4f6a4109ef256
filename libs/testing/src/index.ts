export * from './api-client';
export * from './eventually';
export * from './factories';
export * from './kafka-probe';
export * from './stack/launcher';
export * from './stack/preflight';
export * from './stack/services';
export * from './stack/test-stack';
