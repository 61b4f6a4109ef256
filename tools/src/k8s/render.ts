/** Renders a kustomization with `kubectl kustomize` (KUBECTL chooses the binary; kubectl on PATH otherwise). */
import { spawnSync } from 'node:child_process';

export const INSTALL_KUBECTL =
  "kubectl is needed to render the kustomizations: install Debian's kubernetes-client " +
  '(sudo apt-get install kubernetes-client), or any kubectl, or set KUBECTL to its path';

export class RenderError extends Error {}

export function kubectl(env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBECTL?.trim() || 'kubectl';
}

/** The rendered YAML of the kustomization in `dir`; throws RenderError with kubectl's message. */
export function renderKustomization(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  const binary = kubectl(env);
  const result = spawnSync(binary, ['kustomize', dir], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new RenderError(missing ? `${binary} not found. ${INSTALL_KUBECTL}` : result.error.message);
  }
  if (result.status !== 0) {
    throw new RenderError(
      `${binary} kustomize ${dir} failed: ${result.stderr.trim() || `exit ${result.status}`}`,
    );
  }
  return result.stdout;
}

/** `kubectl version --client` in one line, for the log. */
export function kubectlVersion(env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(kubectl(env), ['version', '--client'], { encoding: 'utf8' });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new RenderError(missing ? `${kubectl(env)} not found. ${INSTALL_KUBECTL}` : result.error.message);
  }
  return result.stdout.replace(/\s+/g, ' ').trim();
}
