import { execFile } from 'node:child_process';
import { runCli } from '../../../src/cli/cli.js';
import type { CliIo } from '../../../src/cli/io.js';
import { testEnv } from '../../support/test-env.js';

/** What an administrator sees from one `switchboard` command: its exit status and output. */
export interface CommandResult { code: number; out: string; err: string }

/** Runs a `switchboard` command in this process with the given environment, as the bin would. */
export async function switchboardCommand(args: string[], env: Record<string, string>): Promise<CommandResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { env: { ...asteriskEnv(), ...env }, out: (l) => { out.push(l); }, err: (l) => { err.push(l); } };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The test Asterisk's ARI, as the controller under test is configured. */
export function asteriskEnv(): Record<string, string> {
  const env = testEnv();
  return { ARI_URL: env.ariUrl, ARI_USER: env.ariUser, ARI_PASSWORD: env.ariPassword };
}

/** A command on the local test Asterisk's CLI (scripts/asterisk.sh rx), with a deadline. */
export function asteriskCli(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('bash', ['scripts/asterisk.sh', 'rx', command], { timeout: 10_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`asterisk -rx "${command}" failed: ${stderr || error.message}`));
      else resolve(stdout);
    });
  });
}

/** The checklist line of one check, e.g. `[FAIL] ARI reachable ...`, and its fix line if any. */
export function checkLine(out: string, name: string): { line: string; fix?: string } {
  const lines = out.split('\n');
  const index = lines.findIndex((l) => l.includes(name));
  if (index < 0) throw new Error(`no check "${name}" in:\n${out}`);
  const next = lines[index + 1];
  return { line: lines[index]!, fix: next?.trimStart().startsWith('fix:') ? next.trim() : undefined };
}
