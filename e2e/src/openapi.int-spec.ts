/**
 * The OpenAPI documents the stack serves (docs/decisions/0152): each passes `redocly lint` with the
 * recommended rules (redocly.yaml) without an error; every operation answers success with a JSON schema
 * and has an application/problem+json 4xx; together they hold exactly the routes of the contract
 * (every `route()` exported from libs/contracts/src/rest); and docs/openapi/*.json, which
 * `npm run -s openapi` writes, are the documents served.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApiPath, type RouteContract } from '@plass/contracts';
import { startTestStack, type TestStack } from '@plass/testing';

const ROOT = path.resolve(__dirname, '../..');
const REST_CONTRACT_DIR = path.join(ROOT, 'libs/contracts/src/rest');
const REDOCLY = path.join(ROOT, 'node_modules/.bin/redocly');

/** Each document: where the gateway serves it, and its committed copy in docs/openapi. */
const DOCUMENTS = [
  { name: 'institution', url: '/api/institutions/docs/openapi.json' },
  { name: 'housing', url: '/api/housing/docs/openapi.json' },
  { name: 'capacity', url: '/api/capacity/docs/openapi.json' },
  { name: 'intake', url: '/api/intake/docs/openapi.json' },
  { name: 'gateway', url: '/api/gateway/docs/openapi.json' },
] as const;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface Operation {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
}

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer?: string }[];
}

function isRoute(value: unknown): value is RouteContract {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<RouteContract>;
  return (
    typeof candidate.id === 'string' &&
    typeof candidate.method === 'string' &&
    typeof candidate.path === 'string' &&
    typeof candidate.status === 'number' &&
    typeof candidate.problems === 'object'
  );
}

/** Every `route()` value exported by a file of libs/contracts/src/rest, whether or not its index re-exports it. */
async function contractRoutes(): Promise<RouteContract[]> {
  const files = readdirSync(REST_CONTRACT_DIR).filter(
    (file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && file !== 'index.ts',
  );
  const routes = new Map<string, RouteContract>();
  for (const file of files) {
    const exported = (await import(path.join(REST_CONTRACT_DIR, file))) as Record<string, unknown>;
    for (const value of Object.values(exported)) if (isRoute(value)) routes.set(value.id, value);
  }
  return [...routes.values()];
}

const operationsOf = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([route, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [{ key: `${method.toUpperCase()} ${route}`, operation }] : [];
    }),
  );

/** `redocly lint --format=json` on one document, with the repository's redocly.yaml. */
function lint(file: string): Promise<LintProblem[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      REDOCLY,
      ['lint', '--format=json', '--config', path.join(ROOT, 'redocly.yaml'), file],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    // Exit status 1 means "problems found"; the JSON on standard output says which.
    child.on('close', () => {
      try {
        resolve((JSON.parse(stdout) as { problems: LintProblem[] }).problems);
      } catch {
        reject(new Error(`redocly lint ${file} printed no report:\n${stdout}\n${stderr}`));
      }
    });
  });
}

describe('OpenAPI documents', () => {
  let stack: TestStack;
  let scratch: string;
  const served = new Map<string, OpenApiDocument>();

  beforeAll(async () => {
    stack = await startTestStack();
    scratch = mkdtempSync(path.join(tmpdir(), 'plass-openapi-'));
    for (const { name, url } of DOCUMENTS) {
      const response = await fetch(`${stack.gatewayUrl}${url}`);
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
      served.set(name, (await response.json()) as OpenApiDocument);
    }
  }, 180_000);

  afterAll(async () => {
    await stack?.dispose();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const documentOf = (name: string): OpenApiDocument => {
    const document = served.get(name);
    if (!document) throw new Error(`no ${name} document was served`);
    return document;
  };

  it.each(DOCUMENTS.map((d) => d.name))(
    'serves a %s document redocly lints without an error',
    async (name) => {
      const file = path.join(scratch, `${name}.json`);
      writeFileSync(file, JSON.stringify(documentOf(name)));
      const errors = (await lint(file))
        .filter((problem) => problem.severity === 'error')
        .map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`);
      expect(errors).toEqual([]);
    },
    60_000,
  );

  it.each(DOCUMENTS.map((d) => d.name))(
    'documents every %s operation with a JSON success and a problem+json 4xx',
    (name) => {
      const missing = operationsOf(documentOf(name)).flatMap(({ key, operation }) => {
        const statuses = Object.keys(operation.responses);
        const successes = statuses.filter((status) => /^2\d\d$/.test(status));
        const gaps: string[] = [];
        if (successes.length === 0) gaps.push(`${key}: no success response`);
        for (const status of successes.filter((s) => s !== '204')) {
          if (!operation.responses[status].content?.['application/json']?.schema) {
            gaps.push(`${key}: ${status} has no application/json schema`);
          }
        }
        const problems = statuses.filter(
          (status) =>
            /^4\d\d$/.test(status) &&
            operation.responses[status].content?.['application/problem+json']?.schema,
        );
        if (problems.length === 0) gaps.push(`${key}: no application/problem+json 4xx`);
        return gaps;
      });
      expect(missing).toEqual([]);
    },
  );

  it('holds exactly the routes of the contract, each once', async () => {
    const documented = DOCUMENTS.flatMap(({ name }) => operationsOf(documentOf(name)).map(({ key }) => key));
    const declared = (await contractRoutes()).map((route) => `${route.method} ${openApiPath(route.path)}`);
    expect(declared.length).toBeGreaterThan(0);
    expect([...documented].sort()).toEqual([...declared].sort());
  });

  it.each(DOCUMENTS.map((d) => d.name))(
    'has docs/openapi/%s.json as it serves it (npm run -s openapi writes it)',
    (name) => {
      const committed: unknown = JSON.parse(
        readFileSync(path.join(ROOT, 'docs/openapi', `${name}.json`), 'utf8'),
      );
      expect(documentOf(name)).toEqual(committed);
    },
  );
});
