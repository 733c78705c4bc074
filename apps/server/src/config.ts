import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().default('0.0.0.0'),
  databaseUrl: z.string().url().optional(),
  dataDir: z.string().min(1).default('./.trellis/data'),
  /** Public address people use; decides whether cookies are Secure (https). */
  baseUrl: z.string().url().optional(),
  authSecret: z.string().min(32).optional(),
  /** Minutes without a request after which a session ends (HIPAA automatic logoff, 45 CFR 164.312(a)(2)(iii)). */
  sessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Sign-in attempts allowed per client address per minute. */
  signInAttemptsPerMinute: z.coerce.number().int().min(1).default(10),
  /** Trust X-Forwarded-* from a reverse proxy in front of Trellis. */
  trustProxy: z.stringbool().default(false),
  seedDemo: z.stringbool().default(true),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  webDist: z.string().optional(),
});

export type Config = z.infer<typeof configSchema> & { authSecret: string };

/** Reads configuration from the environment; a missing auth secret is generated once and kept beside the data. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse({
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.TRELLIS_DATA_DIR || undefined,
    baseUrl: env.TRELLIS_BASE_URL || undefined,
    authSecret: env.TRELLIS_SECRET || undefined,
    sessionIdleMinutes: env.TRELLIS_SESSION_IDLE_MINUTES,
    signInAttemptsPerMinute: env.TRELLIS_SIGNIN_ATTEMPTS_PER_MINUTE,
    trustProxy: env.TRELLIS_TRUST_PROXY,
    seedDemo: env.TRELLIS_SEED_DEMO,
    logLevel: env.LOG_LEVEL,
    webDist: env.TRELLIS_WEB_DIST,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const config = parsed.data;
  // npm runs workspace scripts inside the workspace; paths are meant from where the command was typed.
  const dataDir = config.dataDir === 'memory://' ? config.dataDir : resolve(env.INIT_CWD ?? process.cwd(), config.dataDir);
  return { ...config, dataDir, authSecret: config.authSecret ?? localSecret(dataDir) };
}

function localSecret(dataDir: string): string {
  const dir = resolve(dataDir, '..');
  const file = join(dir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Configuration for tests: in-memory defaults, generous sign-in limit. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: 'memory://',
    authSecret: 'test-secret-test-secret-test-secret-0000',
    sessionIdleMinutes: 15,
    signInAttemptsPerMinute: 1000,
    trustProxy: false,
    seedDemo: false,
    logLevel: 'silent',
    ...overrides,
  };
}
