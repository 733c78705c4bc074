import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const configSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Loopback unless asked: the demo accounts' password is published. */
  host: z.string().min(1).default('127.0.0.1'),
  databaseUrl: z.string().url().optional(),
  /** The owner's login, for migrations only, when DATABASE_URL's login is only a member of trellis_app. */
  migrationDatabaseUrl: z.string().url().optional(),
  dataDir: z.string().min(1).default('./.trellis/data'),
  /** Public address people use; decides whether cookies are Secure (https). */
  baseUrl: z.string().url().optional(),
  authSecret: z.string().min(32).optional(),
  /** Minutes without a request after which a session ends (HIPAA automatic logoff, 45 CFR 164.312(a)(2)(iii)). */
  sessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Refused sign-ins allowed per client address per minute (successful ones are not counted). */
  signInAttemptsPerMinute: z.coerce.number().int().min(1).default(10),
  /** Refused sign-ins allowed per account per quarter of an hour, from any address. */
  signInFailuresPerAccount: z.coerce.number().int().min(1).default(10),
  /** Password-reset requests allowed per client address per hour: each one may send an email to a real person. */
  passwordResetRequestsPerHour: z.coerce.number().int().min(1).default(5),
  /** "Request an assessment" forms accepted per client address per hour: each puts a person on the intake board. */
  publicInquiriesPerHour: z.coerce.number().int().min(1).default(5),
  /** Public program-page reads allowed per client address per minute (no sign-in; a flood limit). */
  publicReadsPerMinute: z.coerce.number().int().min(1).default(120),
  /** Hours a one-time measure link stays open after it is made (a participant may not see it at once). */
  measureLinkHours: z.coerce.number().int().min(1).max(30 * 24).default(72),
  /** Answers through one-time measure links accepted per client address per hour (public, no sign-in). */
  publicMeasureAnswersPerHour: z.coerce.number().int().min(1).default(30),
  /** Serve the demo organisation to addresses other than this machine's (its password is published). */
  allowDemoRemote: z.stringbool().default(false),
  /** Tests only: the instant the server's clock starts at (then it runs on with real time). */
  clockStart: z.iso.datetime({ offset: true }).optional(),
  /** Trust X-Forwarded-* from a reverse proxy in front of Trellis. */
  trustProxy: z.stringbool().default(false),
  seedDemo: z.stringbool().default(true),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  webDist: z.string().optional(),
  /**
   * Outbound mail for the outbox (invitations, password resets): with a host set, messages are sent over SMTP;
   * without one they stay on the administrator's Outbox page only. The outbox row is the source of truth either way.
   */
  smtp: z
    .object({
      host: z.string().min(1).optional(),
      port: z.coerce.number().int().min(1).max(65535).default(587),
      /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
      secure: z.stringbool().default(false),
      user: z.string().min(1).optional(),
      password: z.string().min(1).optional(),
      from: z.string().min(3).default('Trellis <no-reply@localhost>'),
      /** Seconds between looks at the outbox for messages due. */
      pollSeconds: z.coerce.number().int().min(1).max(3600).default(15),
    })
    .refine((s) => !s.user === !s.password, { path: ['password'], message: 'TRELLIS_SMTP_USER and TRELLIS_SMTP_PASSWORD go together' }),
});

export type Config = z.infer<typeof configSchema> & { authSecret: string };

/** Reads configuration from the environment; a missing auth secret is generated once and kept in the data directory. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse({
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL || undefined,
    migrationDatabaseUrl: env.TRELLIS_MIGRATION_DATABASE_URL || undefined,
    dataDir: env.TRELLIS_DATA_DIR || undefined,
    baseUrl: env.TRELLIS_BASE_URL || undefined,
    authSecret: env.TRELLIS_SECRET || undefined,
    sessionIdleMinutes: env.TRELLIS_SESSION_IDLE_MINUTES,
    signInAttemptsPerMinute: env.TRELLIS_SIGNIN_ATTEMPTS_PER_MINUTE,
    signInFailuresPerAccount: env.TRELLIS_SIGNIN_FAILURES_PER_ACCOUNT,
    passwordResetRequestsPerHour: env.TRELLIS_PASSWORD_RESETS_PER_HOUR,
    publicInquiriesPerHour: env.TRELLIS_PUBLIC_INQUIRIES_PER_HOUR,
    publicReadsPerMinute: env.TRELLIS_PUBLIC_READS_PER_MINUTE,
    measureLinkHours: env.TRELLIS_MEASURE_LINK_HOURS,
    publicMeasureAnswersPerHour: env.TRELLIS_PUBLIC_MEASURE_ANSWERS_PER_HOUR,
    allowDemoRemote: env.TRELLIS_ALLOW_DEMO_REMOTE,
    clockStart: env.TRELLIS_CLOCK || undefined,
    trustProxy: env.TRELLIS_TRUST_PROXY,
    seedDemo: env.TRELLIS_SEED_DEMO,
    logLevel: env.LOG_LEVEL,
    webDist: env.TRELLIS_WEB_DIST,
    smtp: {
      host: env.TRELLIS_SMTP_HOST || undefined,
      port: env.TRELLIS_SMTP_PORT || undefined,
      secure: env.TRELLIS_SMTP_SECURE || undefined,
      user: env.TRELLIS_SMTP_USER || undefined,
      password: env.TRELLIS_SMTP_PASSWORD || undefined,
      from: env.TRELLIS_SMTP_FROM || undefined,
      pollSeconds: env.TRELLIS_SMTP_POLL_SECONDS || undefined,
    },
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

/**
 * The session secret generated on first start lives inside the data directory, with the data it protects (earlier
 * versions kept it in the directory above, where it is moved from). An in-memory database gets a throwaway one.
 */
function localSecret(dataDir: string): string {
  if (dataDir === 'memory://') return randomBytes(32).toString('hex');
  const file = join(dataDir, 'secret');
  const previous = join(resolve(dataDir, '..'), 'secret');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (!existsSync(file) && existsSync(previous)) renameSync(previous, file);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  try {
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process starting at the same moment wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw error;
  }
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
    signInFailuresPerAccount: 1000,
    passwordResetRequestsPerHour: 1000,
    publicInquiriesPerHour: 1000,
    publicReadsPerMinute: 1000,
    measureLinkHours: 72,
    publicMeasureAnswersPerHour: 1000,
    allowDemoRemote: false,
    trustProxy: false,
    seedDemo: false,
    logLevel: 'silent',
    smtp: { port: 587, secure: false, from: 'Trellis <no-reply@localhost>', pollSeconds: 15 },
    ...overrides,
  };
}
