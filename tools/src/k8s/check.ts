/**
 * `npm run k8s:check [dir...]`: renders every kustomization under infra/k8s (base, each overlay, each
 * example) with `kubectl kustomize`, validates each document against its schema, and checks the
 * deployment's rules (policy.ts). Prints one line per document; exits 1 on any problem (ADR 0205).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, parseManifests, type Manifest } from './manifest';
import { applicationProblems, strimziPartitions, strimziProblems } from './policy';
import { kubectlVersion, RenderError, renderKustomization } from './render';
import { schemaProblems } from './schema';

export const K8S_ROOT = resolve(__dirname, '../../../infra/k8s');

/** base, overlays/*, examples/*: every folder with a kustomization.yaml. */
export function kustomizations(root = K8S_ROOT): string[] {
  const dirs = [join(root, 'base')];
  for (const group of ['overlays', 'examples']) {
    const dir = join(root, group);
    if (existsSync(dir))
      dirs.push(
        ...readdirSync(dir)
          .sort()
          .map((name) => join(dir, name)),
      );
  }
  return dirs.filter((dir) => existsSync(join(dir, 'kustomization.yaml')));
}

export interface CheckResult {
  lines: string[];
  problems: string[];
}

interface Rendered {
  label: string;
  docs: Manifest[];
}

/** Renders and validates `dirs`; the Strimzi topics found anywhere bound the HPAs of every render. */
export async function checkKustomizations(
  dirs: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<CheckResult> {
  const lines: string[] = [];
  const problems: string[] = [];
  const rendered: Rendered[] = [];
  for (const dir of dirs) {
    const label = relative(process.cwd(), dir) || dir;
    let text: string;
    try {
      text = renderKustomization(dir, env);
    } catch (error) {
      if (error instanceof RenderError) {
        problems.push(`${label}: ${error.message}`);
        continue;
      }
      throw error;
    }
    const docs: Manifest[] = [];
    for (const parsed of parseManifests(text)) {
      if (typeof parsed === 'string') {
        problems.push(`${label}: ${parsed}`);
        continue;
      }
      docs.push(parsed);
      const schema = await schemaProblems(parsed);
      lines.push(
        `${schema.length === 0 ? 'ok  ' : 'FAIL'} ${label}: ${parsed.apiVersion} ${describe(parsed)}`,
      );
      problems.push(...schema.map((p) => `${label}: ${describe(parsed)}: ${p}`));
    }
    if (docs.length === 0) problems.push(`${label}: renders no documents`);
    rendered.push({ label, docs });
  }
  const partitions = new Map(rendered.flatMap((r) => [...strimziPartitions(r.docs)]));
  for (const { label, docs } of rendered) {
    const isApplication = docs.some((d) => d.kind === 'Deployment');
    const rules = [...(isApplication ? applicationProblems(docs, partitions) : []), ...strimziProblems(docs)];
    problems.push(...rules.map((p) => `${label}: ${p}`));
    lines.push(`${rules.length === 0 ? 'ok  ' : 'FAIL'} ${label}: rules (${docs.length} documents)`);
  }
  return { lines, problems };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const dirs = args.length > 0 ? args.map((a) => resolve(a)) : kustomizations();
  try {
    console.log(`kubectl: ${kubectlVersion()}`);
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const { lines, problems } = await checkKustomizations(dirs);
  for (const line of lines) console.log(line);
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s) in the Kubernetes manifests:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  console.log(`\n${dirs.length} kustomization(s) rendered, every document valid, every rule kept`);
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
