/**
 * The AsyncAPI document of every Kafka topic, beside the services' OpenAPI documents
 * (`/api/<service>/docs`): `/api/asyncapi.json` for tools, `/api/asyncapi` for people. Both are made once,
 * from the contract's schemas (libs/messaging's kafkaAsyncApi), and are public like the OpenAPI pages.
 * No /api proxy prefix covers these paths, and the dashboard's fallback never answers under /api.
 */
import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '@plass/auth';
import type { AsyncApiDocument } from '@plass/contracts';
import { kafkaAsyncApi } from '@plass/messaging';
import { ASYNCAPI_CSS, asyncApiPage } from './asyncapi-page';

@Controller('api')
export class AsyncApiController {
  private readonly document: AsyncApiDocument = kafkaAsyncApi();
  private readonly page = asyncApiPage(this.document);

  @Get('asyncapi.json')
  @Public()
  @Header('cache-control', 'no-cache')
  json(): AsyncApiDocument {
    return this.document;
  }

  @Get('asyncapi')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  html(): string {
    return this.page;
  }

  @Get('asyncapi.css')
  @Public()
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'no-cache')
  css(): string {
    return ASYNCAPI_CSS;
  }
}
