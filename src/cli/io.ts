import { createInterface } from 'node:readline';

/**
 * What a command reads and writes, passed in so tests run commands in-process and read
 * exactly what an administrator would see. `out` is the command's own output (a checklist,
 * a plan), not a log: it goes to stdout as plain lines.
 */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  out(line: string): void;
  err(line: string): void;
  /** Asks on the terminal; absent when stdin is not one (flags are then required). */
  ask?: (question: string, options?: { secret?: boolean; default?: string }) => Promise<string>;
}

export function processIo(): CliIo {
  return {
    env: process.env,
    out: (line) => { process.stdout.write(`${line}\n`); },
    err: (line) => { process.stderr.write(`${line}\n`); },
    ask: process.stdin.isTTY ? askOnTerminal : undefined,
  };
}

/** One question on the terminal; a secret's characters are not echoed. */
function askOnTerminal(question: string, options: { secret?: boolean; default?: string } = {}): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const prompt = `${question}${options.default ? ` [${options.default}]` : ''}: `;
  if (options.secret) {
    // readline echoes what is typed through _writeToOutput; keep the prompt, drop the rest.
    const internal = rl as unknown as { _writeToOutput(text: string): void; output: NodeJS.WriteStream };
    internal._writeToOutput = (text: string) => { if (text.startsWith(prompt) || text.includes('\n')) internal.output.write(text.startsWith(prompt) ? prompt : '\n'); };
  }
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      resolve(answer.trim() || options.default || '');
    });
  });
}

/** A command's failure the administrator can act on: printed as is, exit status 1. */
export class CliError extends Error {}
/** Wrong use of the command line: printed with the usage, exit status 2. */
export class UsageError extends Error {}
