export * from './service-infra.module';
export * from './periodic-task';
export * from './audit';
