export * from './idempotency.service';
export * from './request-fingerprint';
