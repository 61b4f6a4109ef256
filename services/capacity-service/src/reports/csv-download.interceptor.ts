/**
 * `format=csv`: the report the handler returns, written as a CSV download instead of JSON. The handler
 * stays typed by the contract's JSON answer; only the representation changes here. The query has been
 * validated by the time the report arrives, so `format` is `csv` or `json`.
 */
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';

export function CsvDownload<T>(
  toCsv: (report: T) => string,
  filename: (report: T) => string,
): Type<NestInterceptor<T, T | string>> {
  @Injectable()
  class CsvDownloadInterceptor implements NestInterceptor<T, T | string> {
    intercept(context: ExecutionContext, next: CallHandler<T>): Observable<T | string> {
      const http = context.switchToHttp();
      if (http.getRequest<Request>().query.format !== 'csv') return next.handle();
      return next.handle().pipe(
        map((report) => {
          const response = http.getResponse<Response>();
          response.setHeader('content-type', 'text/csv; charset=utf-8');
          response.setHeader('content-disposition', `attachment; filename="${filename(report)}"`);
          return toCsv(report);
        }),
      );
    }
  }
  return CsvDownloadInterceptor;
}
