/** `POST /api/dev/token` for local sign-in; app.module imports it only when NODE_ENV is not production. */
import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { json } from 'express';
import { DevLoginController } from './dev-login.controller';

@Module({ controllers: [DevLoginController] })
export class DevLoginModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The gateway streams /api bodies through to the services unparsed; this route is its own.
    consumer.apply(json({ limit: '4kb' })).forRoutes({ path: 'api/dev/token', method: RequestMethod.POST });
  }
}
