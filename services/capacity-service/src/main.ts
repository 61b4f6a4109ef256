import 'reflect-metadata';
import { runService } from '@plass/observability';
import { AppModule } from './app.module';
import { loadConfig } from './config';
import { logger, SERVICE_NAME } from './logger';

void runService(AppModule, {
  name: SERVICE_NAME,
  port: loadConfig().port,
  logger,
  openApi: {
    path: 'api/capacity/docs',
    title: 'Plassoversikt capacity service',
    description: 'Live occupancy per unit, institution, category, district and city.',
  },
});
