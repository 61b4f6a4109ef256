import 'reflect-metadata';
import { runService } from '@plass/observability';
import { AppModule, logger, SERVICE_NAME } from './app.module';
import { loadConfig } from './config';

void runService(AppModule, {
  name: SERVICE_NAME,
  port: loadConfig().port,
  logger,
  openApi: {
    path: 'api/housing/docs',
    title: 'Plassoversikt housing service',
    description:
      'Supported housing (boliger) per district with their status, and the housing need each district has registered.',
  },
});
