/** The shape of a rendered Kubernetes document, as far as the checks read it, and how to parse a render. */
import { parseAllDocuments } from 'yaml';

export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** `<kind> <namespace>/<name>`: how a message names a document. */
export function describe(manifest: Manifest): string {
  const ns = manifest.metadata.namespace ? `${manifest.metadata.namespace}/` : '';
  return `${manifest.kind} ${ns}${manifest.metadata.name}`;
}

/**
 * Every document of a multi-document YAML text. A document that is not YAML, or lacks apiVersion, kind or
 * metadata.name, is a problem (a string), not a manifest.
 */
export function parseManifests(text: string): Array<Manifest | string> {
  const out: Array<Manifest | string> = [];
  parseAllDocuments(text).forEach((doc, index) => {
    if (doc.errors.length > 0) {
      out.push(`document ${index + 1}: not valid YAML: ${doc.errors[0].message}`);
      return;
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return;
    const m = value as Partial<Manifest>;
    if (typeof m !== 'object' || typeof m.apiVersion !== 'string' || typeof m.kind !== 'string') {
      out.push(`document ${index + 1}: no apiVersion or kind`);
      return;
    }
    if (typeof m.metadata?.name !== 'string' || m.metadata.name === '') {
      out.push(`document ${index + 1} (${m.kind}): no metadata.name`);
      return;
    }
    out.push(m as Manifest);
  });
  return out;
}
