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
    path: 'api/intake/docs',
    title: 'Plassoversikt intake service',
    description:
      'Felles inntak: referrals (henvisninger) from the districts and the city-wide waiting list. ' +
      'A referral is a need, not a person: codes, dates and ids only.',
  },
});
