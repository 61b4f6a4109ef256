export * from './audit-record';
export * from './audit-table';
export * from './audit.config';
export * from './audit.constants';
export * from './audit.controller';
export * from './audit.module';
export * from './audit.repository';
export * from './audit-purge';
