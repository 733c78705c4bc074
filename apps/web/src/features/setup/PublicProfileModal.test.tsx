import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeServer, renderPage } from '../../test/render.tsx';
import { badField, sent } from '../../test/forms.ts';
import { PROGRAM_ID, program } from '../../test/fixtures.ts';
import { PublicProfileModal, publicProfileRequest } from './PublicProfileModal.tsx';

const stored = {
  programId: PROGRAM_ID,
  orgSlug: 'riverside',
  version: 2,
  publicListed: false,
  audience: 'Adults whose anxiety or low mood gets in the way of work.',
  weekDescription: null,
  therapies: ['CBT'],
  insuranceAccepted: [],
  typicalLengthWeeks: null,
};
const url = `/api/v1/programs/${PROGRAM_ID}/public-profile`;

function open(put: (body: unknown) => { status?: number; body?: unknown } = (body) => ({ body: { ...stored, ...(body as object), version: 3 } })) {
  const onClose = vi.fn();
  const server = fakeServer((r) => (r.url === url ? (r.method === 'PUT' ? put(r.body) : { body: stored }) : undefined));
  renderPage(<PublicProfileModal program={program} onClose={onClose} />, { path: '/setup', at: '/setup' });
  return { server, onClose };
}

afterEach(() => vi.unstubAllGlobals());

describe('publicProfileRequest', () => {
  const values = { publicListed: true, audience: '', weekDescription: '', therapies: ' CBT \n\nDBT skills\n', insuranceAccepted: '', lengthMin: '' as number | string, lengthMax: '' as number | string };
  it.each([
    ['both lengths blank: no typical length', {}, null],
    ['both given', { lengthMin: 6, lengthMax: 10 }, { min: 6, max: 10 }],
    ['one blank: kept so the schema names it', { lengthMin: 6 }, { min: 6, max: undefined }],
  ])('%s', (_name, overrides, typicalLengthWeeks) => {
    const request = publicProfileRequest({ ...values, ...overrides }, 4);
    expect(request).toMatchObject({ version: 4, therapies: ['CBT', 'DBT skills'], insuranceAccepted: [] });
    expect(request.typicalLengthWeeks).toEqual(typicalLengthWeeks);
  });
});

describe('the public page form', () => {
  it('starts from what is published, links to the preview, and saves lists a line an item with the version read', async () => {
    const user = userEvent.setup();
    const { server, onClose } = open();
    const preview = await screen.findByRole('link', { name: 'Preview the public page' });
    expect(preview.getAttribute('href')).toBe('/p/riverside');
    expect(screen.getByLabelText<HTMLTextAreaElement>(/^Who it is for/).value).toBe(stored.audience);
    await user.click(screen.getByRole('switch', { name: /Show this program/ }));
    await user.type(screen.getByLabelText(/^Therapies offered/), '{Enter}Mindfulness');
    await user.type(screen.getByLabelText(/^Insurance accepted/), 'Medicaid{Enter}Medicare');
    await user.type(screen.getByLabelText(/^Typical length, from/), '6');
    await user.type(screen.getByLabelText(/^Typical length, to/), '12');
    await user.click(screen.getByRole('button', { name: 'Save public page' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'PUT', url)).toEqual([
      {
        version: 2,
        publicListed: true,
        audience: stored.audience,
        weekDescription: null,
        therapies: ['CBT', 'Mindfulness'],
        insuranceAccepted: ['Medicaid', 'Medicare'],
        typicalLengthWeeks: { min: 6, max: 12 },
      },
    ]);
  }, 60_000);

  it('refuses a length that ends before it starts without sending, and shows the server’s refusal on its field', async () => {
    const user = userEvent.setup();
    const { server } = open(() => badField('body.audience', 'must be at most 2000 characters'));
    await user.type(await screen.findByLabelText(/^Typical length, from/), '8');
    await user.type(screen.getByLabelText(/^Typical length, to/), '6');
    await user.click(screen.getByRole('button', { name: 'Save public page' }));
    expect(await screen.findByText('Must not be less than the minimum')).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    await user.clear(screen.getByLabelText(/^Typical length, to/));
    await user.type(screen.getByLabelText(/^Typical length, to/), '10');
    await user.click(screen.getByRole('button', { name: 'Save public page' }));
    expect(await screen.findByText('must be at most 2000 characters')).toBeTruthy();
  }, 60_000);
});
