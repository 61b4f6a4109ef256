/**
 * `@ContractRoute(admitResident)` serves a route of the contract (`libs/contracts/src/rest`): it maps
 * the method and path, sets the success status, and documents the operation in OpenAPI from the same
 * zod schemas: request body, parameters, response and every problem status with its problem types.
 * The handler's return type is checked against the response schema by the compiler. Controllers using
 * it have no path prefix (`@Controller()`), so the served path is the contract's path, character for
 * character (docs/decisions/0150).
 */
import { applyDecorators, HttpCode, RequestMapping, RequestMethod } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { nameOf, problemTypeOf, type RouteContract, type RouteResult } from '@plass/contracts';
import { createZodDto, type ZodDto } from 'nestjs-zod';
import type { z } from 'zod';

const dtos = new WeakMap<z.ZodType, ZodDto>();

/**
 * The nestjs-zod DTO class of a schema, made once so OpenAPI sees one class per schema. The class name
 * is the component name: the schema's `named(...)` name, else `fallback`. (A `.meta({ id })` on the root
 * schema of a DTO makes nestjs-zod 5.5's cleanupOpenApiDoc refer the component to itself.)
 */
export function dtoOf(schema: z.ZodType, fallback: string): ZodDto {
  let dto = dtos.get(schema);
  if (!dto) {
    dto = createZodDto(schema);
    // @nestjs/swagger names the component after the class.
    Object.defineProperty(dto, 'name', { value: nameOf(schema) ?? fallback });
    dtos.set(schema, dto);
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

type Handler<R extends RouteContract> = (...args: never[]) => RouteResult<R> | Promise<RouteResult<R>>;

export function ContractRoute<R extends RouteContract>(route: R) {
  const decorators: (MethodDecorator | (ClassDecorator & MethodDecorator))[] = [
    RequestMapping({ path: route.path, method: RequestMethod[route.method] }),
    HttpCode(route.status),
    ApiOperation({ operationId: route.id, summary: route.summary }),
    ApiTags(route.tag),
    route.response
      ? ApiResponse({
          status: route.status,
          description: route.summary,
          type: dtoOf(route.response, `${pascal(route.id)}Response`).Output,
        })
      : ApiResponse({ status: route.status, description: route.summary }),
  ];
  if (!route.public) decorators.push(ApiBearerAuth());
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
