export * from './data-source';
export * from './naming.strategy';
export * from './nest/database.module';
export * from './idempotency';
