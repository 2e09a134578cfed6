/**
 * Synthesises every prompt of every catalogue (src/calls/prompts.ts and each
 * src/features/<feature>/prompts.ts and src/features/<feature>/<part>/prompts.ts exporting `prompts`) into sounds/<name>.wav:
 * espeak-ng, then sox to 8 kHz mono 16-bit, the format Asterisk plays without
 * transcoding on a telephone call. Only prompts whose text changed are made again
 * (sounds/manifest.json). Recorded prompts can replace any file under the same name.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { corePrompts, type PromptCatalogue } from '../src/calls/prompts.js';

const root = new URL('..', import.meta.url).pathname;
const soundsDir = join(root, 'sounds');
const manifestPath = join(soundsDir, 'manifest.json');
const VOICE = ['-v', 'en-us', '-s', '150', '-p', '45'];

async function catalogues(): Promise<PromptCatalogue> {
  const all: PromptCatalogue = { ...corePrompts };
  const featuresDir = join(root, 'src', 'features');
  // A feature's own catalogue (src/features/<f>/prompts.ts) and its parts' (src/features/<f>/<part>/prompts.ts).
  const subdirs = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const files = subdirs(featuresDir).flatMap((f) => [join(f, 'prompts.ts'), ...subdirs(join(featuresDir, f)).map((part) => join(f, part, 'prompts.ts'))]);
  for (const file of files.map((f) => join(featuresDir, f))) {
    if (!existsSync(file)) continue;
    const module = (await import(pathToFileURL(file).href)) as { prompts?: PromptCatalogue };
    for (const [name, text] of Object.entries(module.prompts ?? {})) {
      if (all[name] && all[name] !== text) throw new Error(`prompt ${name} is defined twice with different texts`);
      all[name] = text;
    }
  }
  return all;
}

const hash = (text: string) => createHash('sha256').update(VOICE.join(' ') + text).digest('hex').slice(0, 16);

const prompts = await catalogues();
const manifest: Record<string, string> = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, string> : {};
let made = 0;
for (const [name, text] of Object.entries(prompts)) {
  const wav = join(soundsDir, `${name}.wav`);
  if (manifest[name] === hash(text) && existsSync(wav)) continue;
  const raw = join(soundsDir, `.${name}.raw.wav`);
  execFileSync('espeak-ng', [...VOICE, '-w', raw, text]);
  execFileSync('sox', [raw, '-r', '8000', '-c', '1', '-b', '16', wav, 'norm', '-3']);
  unlinkSync(raw);
  manifest[name] = hash(text);
  made += 1;
}
for (const name of Object.keys(manifest)) {
  if (!(name in prompts)) { delete manifest[name]; if (existsSync(join(soundsDir, `${name}.wav`))) unlinkSync(join(soundsDir, `${name}.wav`)); }
}
writeFileSync(manifestPath, JSON.stringify(Object.fromEntries(Object.entries(manifest).sort()), null, 2) + '\n');
process.stdout.write(`sounds: ${made} made, ${Object.keys(prompts).length} in all\n`);
