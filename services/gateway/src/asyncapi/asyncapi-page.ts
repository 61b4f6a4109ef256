/**
 * A readable HTML page of the AsyncAPI document, rendered here on the server: no script, no CDN and no
 * inline style, so the dashboard's strict Content-Security-Policy holds (its stylesheet is ASYNCAPI_CSS,
 * served beside it). Every text from the document is escaped.
 */
import type { AsyncApiDocument } from '@plass/contracts';

type Json = Record<string, unknown>;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Escaped text with `code` spans. */
const inline = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');

/** Paragraphs, and `- ` lines as a list. */
function prose(text: string | undefined): string {
  if (!text) return '';
  return text
    .split(/\n\n+/)
    .map((block) => {
      const lines = block.split('\n');
      const items = lines.filter((l) => l.startsWith('- '));
      const lead = lines.filter((l) => !l.startsWith('- ')).join(' ');
      return (
        (lead ? `<p>${inline(lead)}</p>` : '') +
        (items.length ? `<ul>${items.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>` : '')
      );
    })
    .join('\n');
}

const SCHEMA_REF = '#/components/schemas/';
const anchor = (kind: string, id: string) => `${kind}-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** A string or number from the document as text; anything else is `fallback`. */
const text = (value: unknown, fallback = ''): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : fallback;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Bounds that only restate JavaScript's safe integers say nothing to a reader. */
const SAFE = Number.MAX_SAFE_INTEGER;

/** One line that says what a value of `schema` is; nested objects get their own table. */
function typeOf(schema: Json): string {
  if (typeof schema.$ref === 'string') {
    const id = schema.$ref.replace(SCHEMA_REF, '');
    return `<a href="#${anchor('schema', id)}">${escapeHtml(id)}</a>`;
  }
  if ('const' in schema) return `<code>${escapeHtml(JSON.stringify(schema.const))}</code>`;
  if (Array.isArray(schema.enum)) {
    return `one of ${schema.enum.map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(', ')}`;
  }
  if (Array.isArray(schema.anyOf)) return schema.anyOf.filter(isObject).map(typeOf).join(' or ');
  const types: string[] = Array.isArray(schema.type)
    ? schema.type.map((t) => text(t))
    : [text(schema.type, 'any')];
  const facts: string[] = [];
  if (typeof schema.format === 'string') facts.push(schema.format);
  else if (typeof schema.pattern === 'string')
    facts.push(`matching <code>${escapeHtml(schema.pattern)}</code>`);
  for (const [key, label] of [
    ['minLength', 'at least'],
    ['maxLength', 'at most'],
    ['minimum', '≥'],
    ['maximum', '≤'],
    ['minItems', 'at least'],
  ] as const) {
    const n = schema[key];
    if (typeof n === 'number' && Math.abs(n) < SAFE) {
      facts.push(
        key.endsWith('Length')
          ? `${label} ${n} characters`
          : key === 'minItems'
            ? `${label} ${n} items`
            : `${label} ${n}`,
      );
    }
  }
  let summary = types.map(escapeHtml).join(' or ');
  if (types.includes('array') && isObject(schema.items)) summary = `array of ${typeOf(schema.items)}`;
  if (isObject(schema.additionalProperties)) summary = `map to ${typeOf(schema.additionalProperties)}`;
  return facts.length ? `${summary} (${facts.join(', ')})` : summary;
}

function propertyTable(schema: Json): string {
  if (!isObject(schema.properties)) return '';
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const rows = Object.entries(schema.properties)
    .filter((entry): entry is [string, Json] => isObject(entry[1]))
    .map(([name, property]) => {
      const description =
        typeof property.description === 'string' ? `<br>${inline(property.description)}` : '';
      return (
        `<tr><td><code>${escapeHtml(name)}</code>${required.has(name) ? '' : ' <small>optional</small>'}</td>` +
        `<td>${typeOf(property)}${description}${propertyTable(property)}</td></tr>`
      );
    });
  return `<table><thead><tr><th>field</th><th>value</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const refId = (value: unknown) =>
  isObject(value) && typeof value.$ref === 'string' ? value.$ref.split('/').pop()! : undefined;

function messageSection(doc: AsyncApiDocument, id: string): string {
  const message = doc.components.messages[id] ?? {};
  const key = (message.bindings as { kafka?: { key?: Json } } | undefined)?.kafka?.key;
  const headersId = refId(message.headers);
  const payloadId = refId(message.payload);
  const payload = isObject(message.payload) ? message.payload : {};
  return `<section class="message" id="${anchor('message', id)}">
<h4>${escapeHtml(text(message.title, id))} <small><code>${escapeHtml(text(message.name, ''))}</code></small></h4>
${prose(text(message.description, ''))}
<dl>
<dt>Content type</dt><dd><code>${escapeHtml(text(message.contentType, doc.defaultContentType))}</code></dd>
${key ? `<dt>Key</dt><dd>${typeOf(key)}</dd>` : ''}
${headersId ? `<dt>Headers</dt><dd>${typeOf({ $ref: SCHEMA_REF + headersId })}</dd>` : ''}
<dt>Value</dt><dd>${payloadId ? typeOf({ $ref: SCHEMA_REF + payloadId }) : inline(text(payload.description, 'any'))}</dd>
</dl>
</section>`;
}

function channelSection(doc: AsyncApiDocument, id: string, channel: Json): string {
  const address = text(channel.address);
  const kafka = (channel.bindings as { kafka?: { partitions?: number; topicConfiguration?: Json } }).kafka;
  const retention = kafka?.topicConfiguration?.['retention.ms'];
  const operations = Object.values(doc.operations)
    .filter((o) => refId(o.channel) === id)
    .map((o) => `<li>${inline(text(o.title))}</li>`);
  const messages = Object.keys(isObject(channel.messages) ? channel.messages : {});
  return `<section class="channel" id="${anchor('channel', id)}">
<h3><code>${escapeHtml(address)}</code></h3>
${prose(text(channel.description, ''))}
<p class="facts">${kafka?.partitions ?? '?'} partition${kafka?.partitions === 1 ? '' : 's'}${typeof retention === 'number' ? `, retention ${retention < 0 ? 'for ever' : `${Math.round(retention / 3600_000)} h`}` : ''}</p>
<ul>${operations.join('')}</ul>
${messages.map((m) => messageSection(doc, m)).join('\n')}
</section>`;
}

/** The page: servers, every channel with its messages and who sends or receives them, every schema. */
export function asyncApiPage(doc: AsyncApiDocument): string {
  const info = doc.info as { title: string; version: string; description?: string };
  const channels = Object.entries(doc.channels);
  const servers = Object.entries(doc.servers).map(
    ([id, s]) =>
      `<li><strong>${escapeHtml(id)}</strong>: <code>${escapeHtml(text(s.host))}</code> (${escapeHtml(text(s.protocol))}). ${inline(text(s.description, ''))}</li>`,
  );
  const security = Object.entries(doc.components.securitySchemes).map(
    ([id, s]) => `<li><strong>${escapeHtml(id)}</strong>: ${inline(text(s.description, text(s.type)))}</li>`,
  );
  const schemas = Object.entries(doc.components.schemas).map(
    ([id, schema]) =>
      `<section class="schema" id="${anchor('schema', id)}"><h3>${escapeHtml(id)}</h3>${propertyTable(schema)}</section>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} — AsyncAPI</title>
<link rel="stylesheet" href="/api/asyncapi.css">
</head>
<body>
<main>
<h1>${escapeHtml(info.title)} <small>${escapeHtml(info.version)} · AsyncAPI ${escapeHtml(doc.asyncapi)}</small></h1>
${prose(info.description)}
<p>The document itself: <a href="/api/asyncapi.json">/api/asyncapi.json</a>.</p>
<h2>Servers</h2>
<ul>${servers.join('')}</ul>
<h2>Security</h2>
<ul>${security.join('')}</ul>
<h2>Channels</h2>
<ul class="toc">${channels.map(([id, c]) => `<li><a href="#${anchor('channel', id)}"><code>${escapeHtml(text(c.address))}</code></a></li>`).join('')}</ul>
${channels.map(([id, c]) => channelSection(doc, id, c)).join('\n')}
<h2>Schemas</h2>
${schemas.join('\n')}
</main>
</body>
</html>
`;
}

/** The page's stylesheet (the CSP allows styles from the gateway itself only). */
export const ASYNCAPI_CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#2a2859;background:#fff;line-height:1.45}
main{max-width:72rem;margin:0 auto;padding:1rem 2rem 4rem}
h1 small,h4 small{font-weight:normal;color:#555;font-size:.6em}
h3{margin-top:2.5rem;border-bottom:2px solid #2a2859}
.message{border-left:4px solid #6fe9ff;padding:0 1rem;margin:1rem 0}
.facts{color:#555}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:bold}dd{margin:0}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f2f2f2}
code{font-family:ui-monospace,monospace;font-size:.9em;overflow-wrap:anywhere}
`;
