import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const importsOf = (source: string) => [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!);

/**
 * Dependencies point one way: features build on the core, the core never names a feature
 * (a feature plugs itself in through the Feature interface). A core file importing a
 * feature fails here, with the file and the import.
 */
describe('dependency direction', () => {
  const core = ['src/ari', 'src/calls', 'src/store', 'src/http', 'src/users', 'src/observability'];

  it('no file of the core imports from src/features', () => {
    const offending = core.flatMap(filesUnder).filter((f) => f.endsWith('.ts')).flatMap((file) =>
      importsOf(readFileSync(file, 'utf8')).filter((spec) => /(^|\/)features\//.test(spec)).map((spec) => `${file}: ${spec}`));
    expect(offending).to.deep.equal([]);
  });

  it('src/ari, the lowest layer, imports nothing above it', () => {
    const offending = filesUnder('src/ari').flatMap((file) =>
      importsOf(readFileSync(file, 'utf8')).filter((spec) => /^\.\.\/(?!log\.js|clock\.js|errors\.js)/.test(spec)).map((spec) => `${relative('.', file)}: ${spec}`));
    expect(offending).to.deep.equal([]);
  });
});
