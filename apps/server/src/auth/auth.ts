/**
 * Sign-in through better-auth: email and password, sessions stored in the database, idle expiry, rate-limited
 * sign-in attempts. We never hash passwords or mint session tokens ourselves.
 */
import { randomUUID } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { twoFactor } from 'better-auth/plugins';
import { systemClock, type Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { appUser, authAccount, authRateLimit, authSession, authTwoFactor, authVerification } from '../db/schema.ts';
import { passwordResetOptions, staffAccountRules } from './account-rules.ts';

/** The header through which the server hands better-auth the client address it decided on (never the client's). */
export const CLIENT_IP_HEADER = 'x-trellis-client-ip';

export function createAuth(db: Db, config: Config, clock: Clock = systemClock) {
  const accountRules = { db, config, clock };
  const secure = config.baseUrl?.startsWith('https://') ?? false;
  return betterAuth({
    appName: 'Trellis',
    secret: config.authSecret,
    baseURL: config.baseUrl ?? `http://localhost:${config.port || 3000}`,
    basePath: '/api/auth',
    // The web app is served by this same server: trust the origin the request itself was addressed to.
    trustedOrigins: (request) => {
      const host = request?.headers.get('host');
      return host ? [`http://${host}`, `https://${host}`] : [];
    },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { appUser, authSession, authAccount, authVerification, authRateLimit, authTwoFactor },
    }),
    user: {
      modelName: 'appUser',
      additionalFields: {
        orgId: { type: 'string', required: true, input: false },
        role: { type: 'string', required: true, input: false },
        active: { type: 'boolean', required: false, input: false, defaultValue: true },
      },
    },
    session: {
      modelName: 'authSession',
      additionalFields: { twoFactorPending: { type: 'boolean', required: false, input: false, defaultValue: false } },
      // Idle logoff: a session lives `sessionIdleMinutes` past its last refresh, and any use refreshes it once a minute.
      expiresIn: config.sessionIdleMinutes * 60,
      updateAge: Math.min(60, config.sessionIdleMinutes * 30),
    },
    account: { modelName: 'authAccount' },
    verification: { modelName: 'authVerification' },
    emailAndPassword: { enabled: true, disableSignUp: true, ...passwordResetOptions(accountRules) },
    plugins: [staffAccountRules(accountRules), twoFactor({ issuer: 'Trellis', schema: { twoFactor: { modelName: 'authTwoFactor' } } })],
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'authRateLimit',
      window: 60,
      max: 600,
      // Refused sign-ins are counted by sign-in-throttle.ts (per address and per account); this is only a flood guard.
      customRules: {
        '/sign-in/email': { window: 60, max: Math.max(600, config.signInAttemptsPerMinute * 10) },
        // Public and unauthenticated, and each request may put an email in someone's inbox: counted per address.
        '/request-password-reset': { window: 60 * 60, max: config.passwordResetRequestsPerHour },
      },
    },
    advanced: {
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      database: { generateId: () => randomUUID() },
    },
    telemetry: { enabled: false },
    logger: { disabled: config.logLevel === 'silent' },
  });
}

export type Auth = ReturnType<typeof createAuth>;
