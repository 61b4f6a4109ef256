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
    path: 'api/institutions/docs',
    title: 'Plassoversikt institution service',
    description: 'Registry of institutions and units, and every occupancy operation.',
  },
});
