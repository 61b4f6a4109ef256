import 'reflect-metadata';
import { runService } from '@plass/observability';
import { AppModule } from './app.module';
import { loadConfig } from './config';
import { logger, SERVICE_NAME } from './logger';

const config = loadConfig();

void runService(AppModule.forRoot(config), {
  name: SERVICE_NAME,
  port: config.port,
  logger,
  openApi: {
    path: 'api/capacity/docs',
    title: 'Plassoversikt capacity service',
    description: 'Live occupancy per unit, institution, category, district and city.',
  },
});
