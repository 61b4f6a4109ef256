/** Boots one NestJS service the same way everywhere: structured logs, strict validation, OpenAPI, graceful shutdown. */
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { PinoNestLogger } from '../logger';
import { traceRequests } from '../tracing/http-tracing';
import { startTracing } from '../tracing/tracing';
import { ProblemDetailsSchema } from '@plass/contracts';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { z } from 'zod';
import { ContractValidationPipe } from './contract-validation.pipe';

/** How long the gateway keeps an idle connection to a service before it closes it. */
export const UPSTREAM_IDLE_MS = 30_000;
/** How long a service keeps an idle connection open: longer than the gateway, so the gateway closes first. */
export const SERVICE_KEEP_ALIVE_MS = UPSTREAM_IDLE_MS + 35_000;

/** A service's OpenAPI document: where it is served, e.g. `api/institutions/docs`, and what it is called. */
export interface OpenApiOptions {
  path: string;
  title: string;
  description: string;
}

export interface RunServiceOptions {
  name: string;
  port: number;
  logger: Logger;
  /** The OpenAPI document, served at `path` (a page) and `path/openapi.json`. */
  openApi?: OpenApiOptions;
  /** Interface to listen on; `HOST` or 127.0.0.1 (containers set 0.0.0.0). */
  host?: string;
  /** Off for the gateway, which streams bodies through to the services. */
  bodyParser?: boolean;
  /** On for the gateway: requests are proxied on with the gateway span's `traceparent`. */
  forwardTraceContext?: boolean;
}

/**
 * The largest request body a service parses. Every write of the contract is a few hundred bytes; a larger
 * body is refused with 413 (problem details) instead of being parsed. The gateway caps bodies as well.
 */
export const REQUEST_BODY_LIMIT = '64kb';

export async function createService(
  module: Type<unknown> | DynamicModule,
  options: RunServiceOptions,
): Promise<INestApplication> {
  // Before anything else: a bad OTEL_* variable stops the service, and the provider exists for every span.
  startTracing(options.name);
  const app = await NestFactory.create<NestExpressApplication>(module, {
    logger: new PinoNestLogger(options.logger),
    bufferLogs: true,
    bodyParser: options.bodyParser ?? true,
  });
  if (options.bodyParser ?? true) {
    // Registered before Nest's defaults (100kb), which then leave these two parsers alone.
    app.useBodyParser('json', { limit: REQUEST_BODY_LIMIT });
    app.useBodyParser('urlencoded', { limit: REQUEST_BODY_LIMIT, extended: true });
  }
  // One server span per request, ahead of every route and of the gateway's proxies (which it mounts after
  // this): a proxied request carries the gateway span's `traceparent` on to the service (ADR 0153).
  app.use(traceRequests({ forward: options.forwardTraceContext ?? false }));
  // Unknown fields are refused by the contract's strict schemas, so nobody can smuggle names or
  // identity numbers into the system.
  app.useGlobalPipes(new ContractValidationPipe());
  app.enableShutdownHooks();
  if (options.openApi) serveOpenApi(app, options.openApi);
  // Idle keep-alive connections stay open SERVICE_KEEP_ALIVE_MS, longer than their clients keep them: the
  // gateway lets one go after UPSTREAM_IDLE_MS (api-proxy.ts), and a browser or a load balancer usually
  // within a minute. Node's default (5 s) made a client now and then send a request on a connection the
  // server was closing at that moment; the request failed with a reset (seen in the benchmark).
  const server = app.getHttpServer();
  server.keepAliveTimeout = SERVICE_KEEP_ALIVE_MS;
  server.headersTimeout = SERVICE_KEEP_ALIVE_MS + 1000;
  return app;
}

/** Creates the app and listens; exits the process with a clear message if it cannot start. */
export async function runService(
  module: Type<unknown> | DynamicModule,
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

/** What every document says besides its routes: title, description, licence, server and the bearer scheme. */
export function openApiConfig(options: OpenApiOptions): Omit<OpenAPIObject, 'paths'> {
  return (
    new DocumentBuilder()
      .setTitle(options.title)
      .setDescription(options.description)
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/license/mit')
      // Relative: the gateway (or the service itself) that serves the document serves the API too.
      .addServer('/', 'The origin this document is served from')
      .addBearerAuth()
      .build()
  );
}

/** Serves the app's document at `options.path` (Swagger UI) and `options.path/openapi.json`. */
export function serveOpenApi(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const document = openApiDocument(app, openApiConfig(options));
  SwaggerModule.setup(options.path, app, document, { jsonDocumentUrl: `${options.path}/openapi.json` });
  return document;
}

/**
 * The document a service serves, made without running it (`npm run -s openapi`): Nest's preview mode
 * builds the module graph without instantiating a provider or a controller, so no database, broker or
 * Redis is reached. The module's definition may still read its environment (Kafka credentials).
 */
export async function previewOpenApiDocument(
  module: Type<unknown> | DynamicModule,
  options: OpenApiOptions,
): Promise<OpenAPIObject> {
  const app = await NestFactory.create(module, { preview: true, logger: false });
  try {
    return openApiDocument(app, openApiConfig(options));
  } finally {
    await app.close();
  }
}

/**
 * What JSON Schema 2020-12 says that OpenAPI 3.0 says otherwise: `{ const: '' }` (a zod literal) is
 * `{ enum: [''] }`, and a numeric `exclusiveMinimum: 0` (zod's `.positive()`) is `minimum: 0` with
 * `exclusiveMinimum: true` (likewise the maximum), and `nullable` needs a `type` beside it, so a nullable
 * `anyOf` without one makes each of its variants nullable instead.
 */
function asOpenApi30(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asOpenApi30);
  if (typeof value !== 'object' || value === null) return value;
  const node = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, asOpenApi30(inner)]));
  for (const [exclusive, inclusive] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof node[exclusive] === 'number')
      Object.assign(node, { [inclusive]: node[exclusive], [exclusive]: true });
  }
  if (node.nullable === true && node.type === undefined && Array.isArray(node.anyOf)) {
    node.anyOf = (node.anyOf as object[]).map((variant) => ({ ...variant, nullable: true }));
    delete node.nullable;
  }
  if (!('const' in node) || typeof node.const === 'object') return node;
  const { const: only, ...rest } = node;
  return { ...rest, enum: [only] };
}

/**
 * The service's OpenAPI document, derived from its controllers: the zod schemas of `@ContractRoute`
 * (cleaned up by nestjs-zod), the shared ProblemDetails component, and schema names without nestjs-zod's
 * `_Output` suffix (the contract has one schema per payload, so input and output never share a name).
 * The tag is the route's own: @nestjs/swagger's tag from the controller's class name is turned off, or a
 * controller without `@ApiTags` would put each of its operations under a second tag.
 */
export function openApiDocument(app: INestApplication, config: Omit<OpenAPIObject, 'paths'>): OpenAPIObject {
  const document = cleanupOpenApiDoc(
    SwaggerModule.createDocument(app, config, { autoTagControllers: false }),
  );
  const schemas: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    schemas[name.replace(/_Output$/, '')] = schema;
  }
  schemas.ProblemDetails = z.toJSONSchema(ProblemDetailsSchema, { target: 'openapi-3.0', io: 'output' });
  const text = JSON.stringify({ ...document, components: { ...document.components, schemas } }).replace(
    /"#\/components\/schemas\/([A-Za-z0-9_.-]+?)_Output"/g,
    '"#/components/schemas/$1"',
  );
  return withoutUnusedSecuritySchemes(asOpenApi30(JSON.parse(text)) as OpenAPIObject);
}

/** The bearer scheme stays out of a document whose every route is public (the gateway's). */
function withoutUnusedSecuritySchemes(document: OpenAPIObject): OpenAPIObject {
  const used = new Set(
    Object.values(document.paths).flatMap((item) =>
      Object.values(item as Record<string, { security?: Record<string, unknown>[] }>).flatMap((operation) =>
        (operation.security ?? []).flatMap((requirement) => Object.keys(requirement)),
      ),
    ),
  );
  const schemes = Object.entries(document.components?.securitySchemes ?? {}).filter(([name]) =>
    used.has(name),
  );
  const components = { ...document.components };
  if (schemes.length) components.securitySchemes = Object.fromEntries(schemes);
  else delete components.securitySchemes;
  return { ...document, components };
}
