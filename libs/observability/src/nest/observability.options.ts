import type { Logger } from 'pino';
import type { ProblemTranslator } from '../problem-details';

export interface ObservabilityOptions {
  /** The service name: `service` in every log line and label of the default metrics. */
  service: string;
  /** A logger to share (e.g. the one given to NestFactory); otherwise `createLogger(service)`. */
  logger?: Logger;
  /** Per-check timeout of `GET /health/ready`; 2000 ms unless given. */
  readinessTimeoutMs?: number;
  /** Turns domain errors into problems inside the one global filter, so they get the correlation id too. */
  translateError?: ProblemTranslator;
}
