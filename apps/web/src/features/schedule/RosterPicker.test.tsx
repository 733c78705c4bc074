import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { ALEX, BLAIR, CASEY, TRACK_ID } from '../../test/fixtures.ts';
import { RosterPicker } from './RosterPicker.tsx';

const candidates = [
  { participantId: ALEX, displayName: 'Alex Rivera', trackId: TRACK_ID, trackName: 'Evening', onTrack: true },
  { participantId: BLAIR, displayName: 'Blair Chen', trackId: TRACK_ID, trackName: 'Evening', onTrack: true },
  { participantId: CASEY, displayName: 'Casey Morgan', trackId: 'other-track', trackName: 'Morning', onTrack: false },
];

function Harness({ seen }: { seen: (value: string[] | null) => void }) {
  const [value, setValue] = useState<string[] | null>(null);
  return (
    <RosterPicker
      trackId={TRACK_ID}
      localDate="2026-11-20"
      value={value}
      onChange={(next) => {
        seen(next);
        setValue(next);
      }}
    />
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('choosing a one-off session’s roster', () => {
  it('expects the whole track until asked, then offers the program’s participants on that date, the track’s own first', async () => {
    const server = fakeServer((r) =>
      r.url.startsWith(`/api/v1/tracks/${TRACK_ID}/roster-candidates`) ? { body: { items: candidates } } : undefined,
    );
    const values: (string[] | null)[] = [];
    renderPage(<Harness seen={(v) => values.push(v)} />, { path: '/', at: '/' });
    const user = userEvent.setup();

    expect(screen.getByText('Everyone on the track that day is expected.')).toBeTruthy();
    expect(server.requests).toEqual([]);

    await user.click(screen.getByRole('switch', { name: /Only chosen participants/ }));
    const casey = await screen.findByRole('checkbox', { name: 'Casey Morgan (Morning)' }, { timeout: 8000 });
    expect(server.requests.map((r) => r.url)).toEqual([`/api/v1/tracks/${TRACK_ID}/roster-candidates?localDate=2026-11-20`]);
    const names = screen.getAllByRole('checkbox').map((c) => document.querySelector(`label[for="${c.id}"]`)?.textContent);
    expect(names).toEqual(['Alex Rivera', 'Blair Chen', 'Casey Morgan (Morning)']);

    await user.click(screen.getByRole('checkbox', { name: 'Blair Chen' }));
    await user.click(casey);
    await waitFor(() => expect(values.at(-1)).toEqual([BLAIR, CASEY]));

    // Back to the whole track: nobody chosen.
    await user.click(screen.getByRole('switch', { name: /Only chosen participants/ }));
    expect(values.at(-1)).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Blair Chen' })).toBeNull();
  });

  it('says so when nobody is in the program that day', async () => {
    fakeServer((r) => (r.url.includes('/roster-candidates') ? { body: { items: [] } } : undefined));
    renderPage(<Harness seen={() => undefined} />, { path: '/', at: '/' });
    await userEvent.setup().click(screen.getByRole('switch', { name: /Only chosen participants/ }));
    expect(await screen.findByText(/No participant is in this track.s program on that day/, undefined, { timeout: 8000 })).toBeTruthy();
  });
});
