/**
 * The load generator, run in its own process (bench/load.ts forks it) so that autocannon's own work does not share the
 * event loop of the server it measures. Receives one job over IPC, answers the result, exits.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import type { LoadJob, LoadResult } from './load.ts';

process.once('message', (job: LoadJob) => {
  let i = 0;
  void autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.seconds,
    requests: [
      {
        setupRequest: (req) => {
          const r = job.requests[i++ % job.requests.length]!;
          const headers = job.freshIdempotencyKey ? { ...r.headers, 'idempotency-key': randomUUID() } : r.headers;
          return { ...req, method: r.method, path: r.path, headers, body: r.body };
        },
      },
    ],
  }).then((result) => {
    const answer: LoadResult = {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.non2xx,
      requests: result.requests.total,
      statuses: Object.fromEntries(
        Object.entries(result.statusCodeStats as Record<string, { count: number }>).map(([code, { count }]) => [code, count]),
      ),
    };
    process.send!(answer, () => process.exit(0));
  });
});
