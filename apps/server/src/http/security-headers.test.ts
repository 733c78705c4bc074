import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

describe('securityHeaders', () => {
  const csp = { directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"], upgradeInsecureRequests: null } };

  it('computes helmet’s headers once for the options given', () => {
    const headers = securityHeaders({ contentSecurityPolicy: csp, hsts: false });
    expect(headers['content-security-policy']).toContain("default-src 'self'");
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(headers['strict-transport-security']).toBeUndefined();
    expect(Object.isFrozen(headers)).toBe(true);
  });

  it('adds HSTS only when asked (a site served over https)', () => {
    expect(securityHeaders({ contentSecurityPolicy: csp, hsts: true })['strict-transport-security']).toMatch(/^max-age=\d+/);
  });
});
