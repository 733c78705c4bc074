import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { OUTBOX_DELIVERY } from '@trellis/core';
import { startTestApp, type TestApp, type TestOrg } from '../testing/harness.ts';
import { loadConfig, testConfig } from '../config.ts';
import { outboxMessage } from '../db/schema.ts';
import { deliverOutbox, smtpTransport, type MailTransport } from './outbox-delivery.ts';

interface Received {
  to: string[];
  data: string;
}

describe('sending the outbox over SMTP', () => {
  let t: TestApp;
  let org: TestOrg;
  let server: SMTPServer;
  let transport: MailTransport;
  const received: Received[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    org = await t.createOrg('Mail Clinic');
    // An in-process SMTP server: it refuses any recipient at refuse.test, and keeps what it accepts.
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(address.address.endsWith('@refuse.test') ? Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }) : undefined);
      },
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    transport = smtpTransport(loadConfig({ TRELLIS_SMTP_HOST: '127.0.0.1', TRELLIS_SMTP_PORT: String(port), TRELLIS_DATA_DIR: 'memory://', TRELLIS_SECRET: 'x'.repeat(32) }).smtp)!;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.close();
  });

  const queue = async (toEmail: string) => {
    const [row] = await t.database.db
      .insert(outboxMessage)
      .values({ orgId: org.orgId, userId: org.staff.clinician.id, kind: 'invitation', toEmail, subject: 'Your Trellis invitation', body: 'Set your password:', link: 'https://trellis.test/invite/abc', createdAt: t.clock.now() })
      .returning({ id: outboxMessage.id });
    return row!.id;
  };
  const stored = async (id: string) => (await t.database.db.select().from(outboxMessage).where(eq(outboxMessage.id, id)))[0]!;
  const round = () => deliverOutbox({ db: t.database.db, clock: t.clock }, transport, 'Trellis <no-reply@trellis.test>');

  it('sends a due message once, with its link, and records it as sent', async () => {
    const id = await queue('new.clinician@example.test');
    expect(await round()).toMatchObject({ sent: 1 });
    const mail = received.find((r) => r.to.includes('new.clinician@example.test'));
    expect(mail?.data).toContain('Subject: Your Trellis invitation');
    expect(mail?.data).toContain('https://trellis.test/invite/abc');
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'sent', attempts: 1, sentAt: t.clock.now(), leasedUntil: null, lastError: null });
    expect(await round()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(received.filter((r) => r.to.includes('new.clinician@example.test'))).toHaveLength(1);
  });

  it('retries a refused message after a growing wait, and stops after the last allowed try', async () => {
    const id = await queue('nobody@refuse.test');
    expect(await round()).toMatchObject({ retrying: 1 });
    const first = await stored(id);
    expect(first).toMatchObject({ deliveryStatus: 'pending', attempts: 1 });
    expect(first.lastError).toMatch(/^550 /);
    expect(first.nextAttemptAt).toEqual(new Date(t.clock.now().getTime() + OUTBOX_DELIVERY.firstRetrySeconds * 1000));
    // Not due yet: nothing is tried.
    expect(await round()).toEqual({ sent: 0, retrying: 0, failed: 0 });
    for (let attempt = 2; attempt <= OUTBOX_DELIVERY.maxAttempts; attempt++) {
      t.clock.set((await stored(id)).nextAttemptAt!);
      await round();
      expect((await stored(id)).attempts).toBe(attempt);
    }
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'failed', attempts: OUTBOX_DELIVERY.maxAttempts, nextAttemptAt: null, sentAt: null });
    t.clock.advanceMinutes(24 * 60);
    expect(await round()).toEqual({ sent: 0, retrying: 0, failed: 0 });
  });

  it('does not send a message another sender holds until its lease ends', async () => {
    const id = await queue('leased@example.test');
    const until = new Date(t.clock.now().getTime() + 60_000);
    await t.database.db.update(outboxMessage).set({ leasedUntil: until }).where(eq(outboxMessage.id, id));
    expect(await round()).toMatchObject({ sent: 0 });
    t.clock.set(until);
    expect(await round()).toMatchObject({ sent: 1 });
    expect(await stored(id)).toMatchObject({ deliveryStatus: 'sent' });
  });

  it('sends nothing without an SMTP host, and reads the TRELLIS_SMTP_* settings', () => {
    expect(smtpTransport(testConfig().smtp)).toBeNull();
    const env = { TRELLIS_DATA_DIR: 'memory://', TRELLIS_SECRET: 'x'.repeat(32) };
    expect(loadConfig({ ...env, TRELLIS_SMTP_HOST: 'mail.example.test', TRELLIS_SMTP_PORT: '465', TRELLIS_SMTP_SECURE: 'true', TRELLIS_SMTP_USER: 'u', TRELLIS_SMTP_PASSWORD: 'p' }).smtp).toMatchObject({
      host: 'mail.example.test',
      port: 465,
      secure: true,
      user: 'u',
    });
    expect(() => loadConfig({ ...env, TRELLIS_SMTP_HOST: 'mail.example.test', TRELLIS_SMTP_USER: 'u' })).toThrow(/smtp.password/);
  });
});
