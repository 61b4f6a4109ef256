export * from './service-infra.module';
export * from './free-text.validator';
export * from './periodic-task';
