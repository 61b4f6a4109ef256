/**
 * `@ContractRoute(admitResident)` serves a route of the contract (`libs/contracts/src/rest`): it maps
 * the method and path, sets the success status, and documents the operation in OpenAPI from the same
 * zod schemas: request body, parameters, response and every problem status with its problem types.
 * The handler's return type is checked against the response schema by the compiler. Controllers using
 * it have no path prefix (`@Controller()`), so the served path is the contract's path, character for
 * character (docs/decisions/0150).
 */
import { applyDecorators, HttpCode, RequestMapping, RequestMethod, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
  type SchemaObject,
} from '@nestjs/swagger';
import { nameOf, problemTypeOf, type RouteContract, type RouteResult } from '@plass/contracts';
import { createZodDto, type ZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { PUBLIC_ROUTE_KEYS } from './tokens';

const dtos = new WeakMap<z.ZodType, ZodDto>();

/**
 * zod 4.5 and later write a bare nullable field as `type: ['string', 'null']`. nestjs-zod 5.5 turns only
 * the older `anyOf: [{ type: 'string' }, { type: 'null' }]` into OpenAPI 3.0's `nullable: true`, and
 * @nestjs/swagger reads a `type` array as "an array of strings" (nestjs-zod issues 473 and 474): the
 * DTO's OpenAPI properties get the older form before either of them sees them.
 */
export function nullableAsAnyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullableAsAnyOf);
  if (typeof value !== 'object' || value === null) return value;
  const node = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, nullableAsAnyOf(inner)]));
  const { type, ...rest } = node;
  if (!Array.isArray(type) || type.length !== 2 || !type.includes('null')) return node;
  const other: unknown = type.find((t) => t !== 'null');
  return { ...rest, anyOf: [{ type: other }, { type: 'null' }] };
}

/** nestjs-zod's marker that a DTO's schema needs its OpenAPI 3.0 conversion (`nullable: true`). */
const NEEDS_OPENAPI_3_0_CONVERSION = 'x-nestjs_zod-uses-3-point-1-syntax';

interface DocumentedDto {
  _OPENAPI_METADATA_FACTORY(): Record<string, Record<string, unknown>>;
}

function withNullableAsAnyOf<D extends object>(dto: D): D {
  const factory = (dto as unknown as DocumentedDto)._OPENAPI_METADATA_FACTORY;
  Object.defineProperty(dto, '_OPENAPI_METADATA_FACTORY', {
    value(this: unknown) {
      const properties = factory.call(this);
      return Object.fromEntries(
        Object.entries(properties).map(([key, property]) => {
          const rewritten = nullableAsAnyOf(property) as Record<string, unknown>;
          if (JSON.stringify(rewritten) === JSON.stringify(property)) return [key, property];
          // A top-level property keeps nestjs-zod's empty `type` (its cleanup removes it): without one,
          // @nestjs/swagger would guess the type from the class.
          return [key, { type: '', ...rewritten, [NEEDS_OPENAPI_3_0_CONVERSION]: true }];
        }),
      );
    },
  });
  return dto;
}

/**
 * The nestjs-zod DTO class of a schema, made once so OpenAPI sees one class per schema. The class name
 * is the component name: the schema's `named(...)` name, else `fallback`. (A `.meta({ id })` on the root
 * schema of a DTO makes nestjs-zod 5.5's cleanupOpenApiDoc refer the component to itself.)
 */
export function dtoOf(schema: z.ZodType, fallback: string): ZodDto {
  let dto = dtos.get(schema);
  if (!dto) {
    const made = withNullableAsAnyOf(createZodDto(schema));
    // @nestjs/swagger names the component after the class.
    Object.defineProperty(made, 'name', { value: nameOf(schema) ?? fallback });
    // nestjs-zod makes a new Output class on every read: one per schema is enough.
    const output = Object.getOwnPropertyDescriptor(made, 'Output')?.get;
    let outputDto: ZodDto['Output'] | undefined;
    Object.defineProperty(made, 'Output', {
      get: () => (outputDto ??= withNullableAsAnyOf(output?.call(made) as ZodDto['Output'])),
    });
    dtos.set(schema, made);
    dto = made;
  }
  return dto;
}

const pascal = (id: string): string => id.charAt(0).toUpperCase() + id.slice(1);

/** The DTO class a controller types its `@Body()` with: `class AdmitBody extends bodyDto(admitResident) {}`. */
export function bodyDto<R extends RouteContract & { body: z.ZodType }>(route: R): ZodDto<R['body']> {
  return dtoOf(route.body, `${pascal(route.id)}Body`) as ZodDto<R['body']>;
}

/** The DTO class a controller types its `@Query()` with. */
export function queryDto<R extends RouteContract & { query: z.ZodType }>(route: R): ZodDto<R['query']> {
  return dtoOf(route.query, `${pascal(route.id)}Query`) as ZodDto<R['query']>;
}

/** The component every problem response refers to; `createService` adds it to the document. */
export const PROBLEM_SCHEMA_REF = '#/components/schemas/ProblemDetails';

function problemDescription(status: number, codes: readonly string[]): string {
  const types = codes.length ? codes.map((code) => `\`${problemTypeOf(code)}\``) : ['`about:blank`'];
  return `Problem (HTTP ${status}); problem types: ${types.join(', ')}`;
}

/**
 * The success response in OpenAPI. A list is documented as an array of its element's component
 * (`items: { $ref: HousingUnit }`), not as a DTO class of its own: nestjs-zod cleans up object DTOs only,
 * so an array DTO kept JSON Schema 2020 syntax (`type: [string, null]`) that OpenAPI 3.0 does not have.
 */
function successResponse(route: RouteContract & { response: z.ZodType }) {
  const { response } = route;
  if (response instanceof z.ZodArray) {
    return ApiResponse({
      status: route.status,
      description: route.summary,
      type: dtoOf(response.element as z.ZodType, `${pascal(route.id)}Item`).Output,
      isArray: true,
    });
  }
  return ApiResponse({
    status: route.status,
    description: route.summary,
    type: dtoOf(response, `${pascal(route.id)}Response`).Output,
  });
}

/**
 * One path parameter per field of the route's `params`, documented from its schema (the district's
 * enum, the id's uuid format); the controller's own pipes (ParseUUIDPipe) still parse them.
 */
function pathParameters(route: RouteContract): MethodDecorator[] {
  if (!(route.params instanceof z.ZodObject)) return [];
  return Object.entries(route.params.shape as Record<string, z.ZodType>).map(([name, schema]) =>
    ApiParam({
      name,
      required: true,
      schema: z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as SchemaObject,
    }),
  );
}

type Handler<R extends RouteContract> = (...args: never[]) => RouteResult<R> | Promise<RouteResult<R>>;

export function ContractRoute<R extends RouteContract>(route: R) {
  const decorators: (MethodDecorator | (ClassDecorator & MethodDecorator))[] = [
    RequestMapping({ path: route.path, method: RequestMethod[route.method] }),
    HttpCode(route.status),
    // `security: []` says "no token needed" (redocly's security-defined wants every operation to say).
    ApiOperation({
      operationId: route.id,
      summary: route.summary,
      ...(route.public ? { security: [] } : {}),
    }),
    ApiTags(route.tag),
    route.response
      ? successResponse({ ...route, response: route.response })
      : ApiResponse({ status: route.status, description: route.summary }),
  ];
  decorators.push(...pathParameters(route));
  // A public route is let through the auth guard by the same value that documents it as public.
  if (route.public) decorators.push(...PUBLIC_ROUTE_KEYS.map((key) => SetMetadata(key, true)));
  else decorators.push(ApiBearerAuth());
  if (route.idempotent) {
    decorators.push(
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description: 'A new key per user action; a retry with the same key and body gets the first answer',
      }),
    );
  }
  for (const [status, codes] of Object.entries(route.problems)) {
    decorators.push(
      ApiResponse({
        status: Number(status),
        description: problemDescription(Number(status), codes ?? []),
        content: { 'application/problem+json': { schema: { $ref: PROBLEM_SCHEMA_REF } } },
      }),
    );
  }
  const apply = applyDecorators(...decorators);
  return <H extends Handler<R>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<H>,
  ) => apply(target, key, descriptor);
}
