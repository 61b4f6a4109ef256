export * from './auth.constants';
export * from './auth.module';
export * from './context-user';
export * from './decorators';
export * from './jwt-auth.guard';
