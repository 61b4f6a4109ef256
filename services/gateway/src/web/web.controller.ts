import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '@plass/auth';

/** Placeholder page until the dashboard (services/web) is built. */
@Controller()
export class WebController {
  @Get()
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  index(): string {
    return `<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>Plassoversikt</title></head>
<body><main><h1>Plassoversikt</h1>
<p>Dashbordet kommer her. API-et er tilgjengelig under <code>/api</code>, og live-oppdateringer under socket.io-navnerommet <code>/live</code>.</p>
</main></body></html>`;
  }
}
