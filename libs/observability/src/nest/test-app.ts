/** Test helpers (not exported): boot a Nest app on a free port, and capture pino's output. */
import { NestFactory } from '@nestjs/core';
import type { INestApplication, Type } from '@nestjs/common';
import type { DestinationStream } from 'pino';

export interface TestApp {
  url: string;
  close(): Promise<void>;
}

export async function startApp(module: Type, configure?: (app: INestApplication) => void): Promise<TestApp> {
  const app = await NestFactory.create(module, { logger: false });
  configure?.(app);
  await app.listen(0, '127.0.0.1');
  return { url: await app.getUrl(), close: () => app.close() };
}

export interface MemoryLog extends DestinationStream {
  entries(): Record<string, unknown>[];
}

/** A pino destination that keeps every line, parsed. */
export function memoryLog(): MemoryLog {
  const lines: string[] = [];
  return {
    write: (line: string) => {
      lines.push(line);
    },
    entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
