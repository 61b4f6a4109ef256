/**
 * Starts the mail sink (tools/src/smtp/mail-sink.ts) as its own process: a real SMTP server on loopback
 * whose received messages the test reads back. Not a mock: nodemailer speaks SMTP to it over TCP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { WORKSPACE_ROOT } from './stack/launcher';

export interface SunkMail {
  receivedAt: string;
  from: string | null;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
}

export interface MailSink {
  port: number;
  file: string;
  /** Every message received so far, oldest first. */
  messages(): SunkMail[];
  stop(): Promise<void>;
}

export async function startMailSink(options: { port?: number; file: string }): Promise<MailSink> {
  mkdirSync(path.dirname(options.file), { recursive: true });
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      'tools/src/smtp/mail-sink.ts',
      '--port',
      String(options.port ?? 0),
      '--file',
      options.file,
    ],
    { cwd: WORKSPACE_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`mail sink did not start in 20 s: ${err}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mail sink exited with ${String(code)}: ${err}`));
    });
  });
  return {
    port,
    file: options.file,
    messages: () =>
      existsSync(options.file)
        ? readFileSync(options.file, 'utf8')
            .split('\n')
            .filter((line) => line.trim() !== '')
            .map((line) => JSON.parse(line) as SunkMail)
        : [],
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
