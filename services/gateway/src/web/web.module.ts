/**
 * Serves the built dashboard next to the API: static files and client routes from services/web/dist
 * (`GET /` itself is WebController, which shows a how-to-build page while the dist is missing).
 */
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { webAssetsHandler, webDistDir } from './web-assets';

@Module({})
export class WebModule implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // Nest's routes are mounted by now and its not-found handler not yet: the dashboard answers only
    // what no route (and no /api proxy, mounted before both) has answered.
    this.adapterHost.httpAdapter?.use(webAssetsHandler(webDistDir()));
  }
}
