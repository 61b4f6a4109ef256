/** Problem details written by the gateway's own middleware, which answers before Nest or a service sees the request. */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  CORRELATION_ID_HEADER,
  correlationIdOf,
  PROBLEM_CONTENT_TYPE,
  problemType,
} from '@plass/observability';

export function sendProblem(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  detail: string,
  code: string,
): void {
  const correlationId = correlationIdOf(request);
  const body = {
    type: problemType(code),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance: (request.url ?? '/').split('?')[0],
    correlationId,
  };
  response.statusCode = status;
  response.setHeader('content-type', PROBLEM_CONTENT_TYPE);
  response.setHeader(CORRELATION_ID_HEADER, correlationId);
  response.end(JSON.stringify(body));
}
