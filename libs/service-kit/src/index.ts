export * from './service-infra.module';
