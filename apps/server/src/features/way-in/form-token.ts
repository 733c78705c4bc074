/**
 * The "Request an assessment" form's token: when the form was handed out and for which organisation, signed with the
 * server's secret. A form sent back sooner than a person could fill it, or long after, is refused — bot rejection
 * without a third-party service. The token carries no personal data.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { INQUIRY_FORM_TIMING } from '@trellis/core';

const PURPOSE = 'trellis.inquiry-form.v1';

function signature(secret: string, orgId: string, issuedAtMs: number): string {
  return createHmac('sha256', secret).update(`${PURPOSE}.${orgId}.${issuedAtMs}`).digest('base64url');
}

export function issueFormToken(secret: string, orgId: string, now: Date): string {
  const at = now.getTime();
  return `${at}.${signature(secret, orgId, at)}`;
}

export type FormTokenCheck = 'ok' | 'invalid' | 'too-soon' | 'expired';

/** Whether a token was issued by us for this organisation, and the form was filled in a human time. */
export function checkFormToken(secret: string, orgId: string, token: string, now: Date): FormTokenCheck {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return 'invalid';
  const issuedAt = Number(match[1]);
  const expected = Buffer.from(signature(secret, orgId, issuedAt));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const elapsedSeconds = (now.getTime() - issuedAt) / 1000;
  if (elapsedSeconds < INQUIRY_FORM_TIMING.minFillSeconds) return 'too-soon';
  if (elapsedSeconds > INQUIRY_FORM_TIMING.maxAgeSeconds) return 'expired';
  return 'ok';
}
