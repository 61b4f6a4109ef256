/**
 * The AsyncAPI document of every Kafka topic, beside the services' OpenAPI documents
 * (`/api/<service>/docs`): `/api/asyncapi.json` for tools, `/api/asyncapi` for people. Both are made once,
 * from the contract's schemas (libs/messaging's kafkaAsyncApi), and are public like the OpenAPI pages.
 * No /api proxy prefix covers these paths, and the dashboard's fallback never answers under /api.
 * The page and its stylesheet are not API operations: they stay out of the gateway's OpenAPI document.
 */
import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Public } from '@plass/auth';
import { getAsyncApiDocument, type AsyncApiDocument } from '@plass/contracts';
import { kafkaAsyncApi } from '@plass/messaging';
import { ContractRoute } from '@plass/observability';
import { ASYNCAPI_CSS, asyncApiPage } from './asyncapi-page';

@Controller()
export class AsyncApiController {
  private readonly document: AsyncApiDocument = kafkaAsyncApi();
  private readonly page = asyncApiPage(this.document);

  @ContractRoute(getAsyncApiDocument)
  @Header('cache-control', 'no-cache')
  json(): AsyncApiDocument {
    return this.document;
  }

  @Get('api/asyncapi')
  @Public()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  html(): string {
    return this.page;
  }

  @Get('api/asyncapi.css')
  @Public()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'no-cache')
  css(): string {
    return ASYNCAPI_CSS;
  }
}
