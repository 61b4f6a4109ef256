import { createLogger } from '@plass/observability';

export { LOGGER } from '@plass/observability';
export const SERVICE_NAME = 'capacity-service';
export const logger = createLogger(SERVICE_NAME);
