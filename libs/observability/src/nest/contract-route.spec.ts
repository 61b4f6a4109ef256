import { Body, Controller, Module, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { contractClient, ContractProblem, named, route } from '@plass/contracts';
import { DocumentBuilder } from '@nestjs/swagger';
import { z } from 'zod';
import { ProblemDetailsFilter } from '../problem-details.filter';
import { bodyDto, ContractRoute, queryDto } from './contract-route';
import { ContractValidationPipe } from './contract-validation.pipe';
import { openApiDocument } from './run-service';

const Thing = named('Thing', z.object({ id: z.uuid(), places: z.number().int() }));
const setPlaces = route({
  id: 'setPlaces',
  method: 'POST',
  path: '/api/things/:thingId/places',
  summary: 'Set the places of a thing',
  tag: 'things',
  params: z.object({ thingId: z.uuid() }),
  query: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
  body: z.strictObject({ places: z.number().int().min(0) }),
  status: 201,
  response: Thing,
  problems: { 400: [], 404: ['THING_NOT_FOUND'] },
});

class SetPlacesBody extends bodyDto(setPlaces) {}
class SetPlacesQuery extends queryDto(setPlaces) {}

@Controller()
class ThingsController {
  @ContractRoute(setPlaces)
  set(
    @Param('thingId', ParseUUIDPipe) thingId: string,
    @Body() body: SetPlacesBody,
    @Query() _query: SetPlacesQuery,
  ): z.input<typeof Thing> {
    return { id: thingId, places: body.places };
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe(ContractRoute.name, () => {
  const id = '7b1d3c4e-1f2a-4b5c-8d9e-0a1b2c3d4e5f';

  it('validates with the schema, answers problems, and documents the route in OpenAPI', async () => {
    const app = await NestFactory.create(ThingsModule, { logger: false });
    app.useGlobalPipes(new ContractValidationPipe());
    app.useGlobalFilters(new ProblemDetailsFilter({ info: () => undefined } as never));
    await app.listen(0, '127.0.0.1');
    try {
      const client = contractClient({ baseUrl: await app.getUrl() });
      await expect(client.call(setPlaces, { params: { thingId: id }, body: { places: 3 } })).resolves.toEqual(
        {
          id,
          places: 3,
        },
      );
      const refused = await client
        .call(setPlaces, { params: { thingId: id }, body: { places: -1, name: 'Kari' } as never })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ContractProblem);
      expect((refused as ContractProblem).status).toBe(400);
      expect((refused as ContractProblem).problem?.errors).toEqual(
        expect.arrayContaining([expect.stringMatching(/^places: /), expect.stringMatching(/name/)]),
      );

      const document = openApiDocument(app, new DocumentBuilder().setTitle('t').build());
      const operation = document.paths['/api/things/{thingId}/places'].post;
      expect(operation?.operationId).toBe('setPlaces');
      expect(operation?.responses['201']).toMatchObject({
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
      });
      expect(operation?.responses['404']).toMatchObject({
        description: expect.stringContaining('urn:plassoversikt:problem:thing-not-found'),
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
      });
      expect(document.components?.schemas).toHaveProperty('ProblemDetails');
      expect(document.components?.schemas).toHaveProperty('SetPlacesBody');
    } finally {
      await app.close();
    }
  });
});
