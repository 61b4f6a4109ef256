/**
 * A mail sink: a real SMTP server on loopback (the `smtp-server` package) that keeps every message it
 * receives as one JSON line in a file — sender, recipients, subject and text decoded — for the tests and
 * for `npm start` (where the capacity service's e-mail notifications go on this machine).
 *
 *   node -r @swc-node/register tools/src/smtp/mail-sink.ts --port 2525 --file .local/mail/sink.jsonl
 *
 * `--port 0` takes a free port. The first line on stdout is `mail-sink listening on 127.0.0.1:<port>`.
 * No STARTTLS and no AUTH: it only listens on 127.0.0.1 and is for development and tests, never production.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface SunkMail {
  receivedAt: string;
  from: string | null;
  to: string[];
  subject: string;
  text: string;
  headers: Record<string, string>;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=` encoded words (RFC 2047) as text. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, kind: string, data: string) => {
      const bytes =
        kind.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : Buffer.from(
              data
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
              'latin1',
            );
      return bytes.toString(charset.toLowerCase() === 'utf-8' ? 'utf8' : 'latin1');
    });
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return Buffer.from(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8');
    default:
      return body;
  }
}

/** A single-part text message as nodemailer writes it: headers, then the decoded text. */
export function parseMessage(raw: string): {
  headers: Record<string, string>;
  subject: string;
  text: string;
} {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split).replace(/^\r?\n\r?\n/, '') : '';
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    headers,
    subject: decodeWords(headers.subject ?? ''),
    text: decodeBody(body, headers['content-transfer-encoding']).replace(/\r\n/g, '\n').trimEnd(),
  };
}

function main(): void {
  const port = Number(arg('port', process.env.MAIL_SINK_PORT ?? '2525'));
  const file = path.resolve(arg('file', process.env.MAIL_SINK_FILE ?? '.local/mail/sink.jsonl'));
  mkdirSync(path.dirname(file), { recursive: true });

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const parsed = parseMessage(Buffer.concat(chunks).toString('utf8'));
        const mail: SunkMail = {
          receivedAt: new Date().toISOString(),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          ...parsed,
        };
        appendFileSync(file, `${JSON.stringify(mail)}\n`);
        callback();
      });
    },
  });
  server.on('error', (error) => console.error(`mail-sink: ${error.message}`));
  server.listen(port, '127.0.0.1', () => {
    const address = server.server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    console.log(`mail-sink listening on 127.0.0.1:${actual}, writing ${file}`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) main();
