/** Small helpers for the form tests: choosing from a Mantine select, the server's 400 answer, what was sent. */
import { screen } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import type { FakeRequest } from './render.tsx';

/** Opens the select labelled `label` and picks the option whose text matches. */
export async function choose(user: UserEvent, label: RegExp, option: RegExp | string): Promise<void> {
  const [input] = await screen.findAllByLabelText(label);
  if (!input) throw new Error(`No field labelled ${String(label)}`);
  await user.click(input);
  await user.click(await screen.findByRole('option', { name: option, hidden: true }));
}

/** The server's answer to a request with one bad field (problems.ts: 400 naming the field). */
export function badField(path: string, message: string): { status: number; body: unknown } {
  return {
    status: 400,
    body: { type: 'about:blank', title: 'Invalid request', status: 400, detail: 'Some of what was sent needs attention.', errors: [{ path, message }] },
  };
}

/** The bodies sent with `method` to `url`, oldest first. */
export function sent(requests: readonly FakeRequest[], method: string, url: string): unknown[] {
  return requests.filter((r) => r.method === method && r.url === url).map((r) => r.body);
}

/** The error shown under a field, found through the field's aria-describedby (how assistive tech reaches it). */
export function errorUnder(input: HTMLElement): string | null {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  const texts = ids.map((id) => document.getElementById(id)?.textContent ?? '').filter(Boolean);
  return texts.length ? texts.join(' ') : null;
}
