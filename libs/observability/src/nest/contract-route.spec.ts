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

const Note = named(
  'Note',
  z.object({ id: z.uuid(), text: z.string().nullable(), tags: z.array(z.string().nullable()) }),
);
const listNotes = route({
  id: 'listNotes',
  method: 'GET',
  path: '/api/things/:thingId/notes',
  summary: 'The notes of a thing',
  tag: 'things',
  params: z.object({ thingId: z.uuid() }),
  query: z.strictObject({ kind: z.literal('open').optional() }),
  status: 200,
  response: z.array(Note),
  public: true,
  problems: { 404: ['THING_NOT_FOUND'] },
});

class SetPlacesBody extends bodyDto(setPlaces) {}
class ListNotesQuery extends queryDto(listNotes) {}
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

@Controller()
class NotesController {
  @ContractRoute(listNotes)
  list(
    @Param('thingId', ParseUUIDPipe) thingId: string,
    @Query() _query: ListNotesQuery,
  ): z.input<typeof Note>[] {
    return [{ id: thingId, text: null, tags: [null] }];
  }
}

@Module({ controllers: [ThingsController, NotesController] })
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

  it('documents lists, nullable fields, path parameters and public routes as OpenAPI 3.0 has them', async () => {
    const app = await NestFactory.create(ThingsModule, { logger: false, preview: true });
    try {
      const document = openApiDocument(app, new DocumentBuilder().setTitle('t').addBearerAuth().build());
      const operation = document.paths['/api/things/{thingId}/notes'].get;
      expect(operation?.responses['200']).toMatchObject({
        content: {
          'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/Note' } } },
        },
      });
      // zod writes `type: ['string', 'null']`, which is no OpenAPI 3.0 (nestjs-zod issue 473).
      expect(document.components?.schemas?.Note).toMatchObject({
        properties: {
          text: { type: 'string', nullable: true },
          tags: { type: 'array', items: { type: 'string', nullable: true } },
        },
      });
      expect(operation?.parameters).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            name: 'thingId',
            in: 'path',
            required: true,
            schema: expect.objectContaining({ format: 'uuid' }),
          }),
          expect.objectContaining({
            name: 'kind',
            in: 'query',
            schema: expect.objectContaining({ enum: ['open'] }),
          }),
        ]),
      );
      expect(JSON.stringify(document)).not.toContain('"const"');
      // Public: no token in the document, and the auth guard's metadata says the same.
      expect(operation?.security).toEqual([]);
      expect(Reflect.getMetadata('plass:auth:public', NotesController.prototype.list)).toBe(true);
      expect(document.paths['/api/things/{thingId}/places'].post?.security).toEqual([{ bearer: [] }]);
      expect(document.components?.securitySchemes).toHaveProperty('bearer');
    } finally {
      await app.close();
    }
  });

  it('leaves out a security scheme no route uses', async () => {
    @Module({ controllers: [NotesController] })
    class PublicModule {}
    const app = await NestFactory.create(PublicModule, { logger: false, preview: true });
    try {
      const document = openApiDocument(app, new DocumentBuilder().setTitle('t').addBearerAuth().build());
      expect(document.components).not.toHaveProperty('securitySchemes');
    } finally {
      await app.close();
    }
  });
});
