import 'reflect-metadata';
import { runService } from '@plass/observability';
import { AppModule, logger, SERVICE_NAME } from './app.module';
import { loadConfig } from './config';

const config = loadConfig();

void runService(AppModule.forRoot(config), {
  name: SERVICE_NAME,
  port: config.port,
  logger,
  openApi: {
    path: 'api/housing/docs',
    title: 'Plassoversikt housing service',
    description:
      'Supported housing (boliger) per district with their status, and the housing need each district has registered.',
  },
});
