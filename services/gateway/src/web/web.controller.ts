import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@plass/auth';
import type { Response } from 'express';
import path from 'node:path';
import { dashboardBuilt, webDistDir } from './web-assets';

const PLACEHOLDER = `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Plassoversikt</title></head>
<body><main><h1>Plassoversikt</h1>
<p>Dashbordet er ikke bygget ennå. Bygg det med <code>npm run build:web</code> (det havner i
<code>services/web/dist</code>) og last siden på nytt, eller kjør <code>npm run dev:web</code> for utviklingsserveren.</p>
<p>API-et er tilgjengelig under <code>/api</code>, og live-oppdateringer under socket.io-navnerommet <code>/live</code>.</p>
</main></body></html>`;

/** `GET /`: the dashboard's index.html, or a page that says how to build it while services/web/dist is missing. */
// The dashboard's page, not an API operation: not in the gateway's OpenAPI document.
@ApiExcludeController()
@Controller()
export class WebController {
  private readonly distDir = webDistDir();

  @Get()
  @Public()
  index(@Res() response: Response): void {
    response.setHeader('cache-control', 'no-cache');
    if (dashboardBuilt(this.distDir)) {
      response.sendFile(path.join(this.distDir, 'index.html'));
      return;
    }
    response.type('html').send(PLACEHOLDER);
  }
}
