/** Runs a load job in a child process (bench/load-generator.ts) and answers its figures. */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadRequest {
  method: 'PUT' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadJob {
  url: string;
  seconds: number;
  connections: number;
  /** Cycled through in order. */
  requests: LoadRequest[];
  /** Give each request a new Idempotency-Key, as a client does for each new submit. */
  freshIdempotencyKey: boolean;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  /** Count of answers per HTTP status. */
  statuses: Record<string, number>;
}

export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./load-generator.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
    });
    let answered = false;
    child.once('message', (result: LoadResult) => {
      answered = true;
      resolve(result);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`the load generator exited with ${code} before answering`));
    });
    child.send(job);
  });
}
