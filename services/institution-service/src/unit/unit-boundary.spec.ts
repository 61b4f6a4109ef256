/** The unit aggregate depends on none of the folders that change it (ADR 0151): the arrows point one way. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

const SRC = resolve(__dirname, '..');
const COMMAND_FOLDERS = ['occupancy', 'blocks', 'reservations', 'unit-counts', 'registry', 'expiry'];

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFilesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module a file names: static and type-only imports, re-exports, import() and require(). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** The command folder a relative import from `file` lands in, if any. */
function commandFolderOf(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const [top] = relative(SRC, resolve(dirname(file), specifier)).split(sep);
  return COMMAND_FOLDERS.find((folder) => folder === top);
}

describe('unit module boundary', () => {
  const files = tsFilesUnder(__dirname);

  it('finds the module and its imports to check', () => {
    expect(files.map((f) => relative(__dirname, f))).toEqual(
      expect.arrayContaining(['unit.entity.ts', 'unit-changes.service.ts', 'unit.module.ts', 'index.ts']),
    );
    expect(importsOf(join(__dirname, 'unit-changes.service.ts'))).toContain('./unit.repository');
  });

  it('imports nothing from occupancy, blocks, reservations, unit-counts, registry or expiry', () => {
    const violations = files.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => commandFolderOf(file, specifier) !== undefined)
        .map((specifier) => `${relative(SRC, file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
  });

  it('recognises an import into a command folder, however the path is written', () => {
    const file = join(__dirname, 'unit.event.ts');
    expect(commandFolderOf(file, '../registry/institution.entity')).toBe('registry');
    expect(commandFolderOf(file, '../../src/unit-counts')).toBe('unit-counts');
    expect(commandFolderOf(file, './unit.entity')).toBeUndefined();
    expect(commandFolderOf(file, '../institution.exception')).toBeUndefined();
  });
});
