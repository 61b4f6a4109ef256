/** Boots one NestJS service the same way everywhere: structured logs, strict validation, OpenAPI, graceful shutdown. */
import { ValidationPipe, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { PinoNestLogger } from '../logger';

export interface RunServiceOptions {
  name: string;
  port: number;
  logger: Logger;
  /** Where the OpenAPI document is served, e.g. `api/institutions/docs`. */
  openApi?: { path: string; title: string; description: string };
  /** Interface to listen on; `HOST` or 127.0.0.1 (containers set 0.0.0.0). */
  host?: string;
  /** Off for the gateway, which streams bodies through to the services. */
  bodyParser?: boolean;
}

export async function createService(
  module: Type<unknown>,
  options: RunServiceOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create(module, {
    logger: new PinoNestLogger(options.logger),
    bufferLogs: true,
    bodyParser: options.bodyParser ?? true,
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      // Unknown fields are refused, so nobody can smuggle names or identity numbers into the system.
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
    }),
  );
  app.enableShutdownHooks();
  if (options.openApi) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle(options.openApi.title)
        .setDescription(options.openApi.description)
        .setVersion('1')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup(options.openApi.path, app, document, {
      jsonDocumentUrl: `${options.openApi.path}/openapi.json`,
    });
  }
  return app;
}

/** Creates the app and listens; exits the process with a clear message if it cannot start. */
export async function runService(
  module: Type<unknown>,
  options: RunServiceOptions,
): Promise<INestApplication> {
  try {
    const app = await createService(module, options);
    const host = options.host ?? process.env.HOST ?? '127.0.0.1';
    await app.listen(options.port, host);
    options.logger.info({ port: options.port, host }, `${options.name} listening`);
    return app;
  } catch (error) {
    options.logger.fatal({ err: error }, `${options.name} failed to start`);
    process.exit(1);
  }
}
