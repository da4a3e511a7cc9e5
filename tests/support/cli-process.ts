import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface CliOptions {
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** Left out of this process's environment (to be read from a settings file instead). */
  unset?: string[];
  /** Runs the command as this user and group (the tests run as root; 65534 is `nobody`). */
  user?: { uid: number; gid: number };
  /** Written to the command's standard input, which is then closed. */
  input?: string;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

const running = new Set<ChildProcess>();
// A test that fails or times out must not leave its command running (an indexer would go on for minutes).
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function withoutKeys(env: NodeJS.ProcessEnv, keys: string[]): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const key of keys) delete copy[key];
  return copy;
}

/** One of the command-line tools running as its own process, its output collected as it comes. */
export class CliProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly finished: Promise<CliResult>;
  private readonly started = Date.now();

  constructor(script: string, args: string[], options: CliOptions = {}) {
    this.child = spawn(process.execPath, ['--import', 'tsx', path.resolve(script), ...args], {
      env: withoutKeys({ ...process.env, EMBED_WORKERS: '1', ...options.env }, options.unset ?? []),
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.stdin!.end(options.input ?? '');
    running.add(this.child);
    this.child.once('exit', () => running.delete(this.child));
    // Listened for from the start: a short run may end before anyone waits for it.
    this.finished = new Promise((resolve) =>
      this.child.once('close', (code, signal) =>
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr, ms: Date.now() - this.started }),
      ),
    );
  }

  /** Resolves once `ready(stderr)` holds; fails after `timeoutMs`, or when the command ends first. */
  async waitForStderr(ready: (stderr: string) => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    void this.finished.then(() => (ended = true));
    while (!ready(this.stderr)) {
      if (ended) throw new Error(`the command ended before its stderr was as expected:\n${this.stderr}`);
      if (Date.now() > deadline) throw new Error(`stderr was not as expected within ${timeoutMs} ms:\n${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<CliResult> {
    this.child.kill(signal);
    return this.finished;
  }
}

/** Runs `src/cli/<name>.ts` (or `src/main.ts`) to its end, as a user would from a shell. */
export function runCli(script: string, args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new CliProcess(script, args, options).finished;
}
