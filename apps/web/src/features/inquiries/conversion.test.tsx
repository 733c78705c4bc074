import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Inquiry } from '@trellis/core';
import { fakeServer, renderPage, type FakeRequest } from '../../test/render.tsx';
import { choose, errorUnder, sent } from '../../test/forms.ts';
import { eveningTrack, FACILITATOR, program, PROGRAM_ID, staff, TRACK_ID } from '../../test/fixtures.ts';
import { AdmitInquiryModal, profileFromInquiry } from './AdmitInquiryModal.tsx';
import { PipelineFigures } from './PipelineFigures.tsx';
import { ReferInquiryModal } from './ReferInquiryModal.tsx';

type Answer = { status?: number; body?: unknown } | undefined;

const INQUIRY_ID = '5d7c8a0e-1f2b-4c3d-8e9f-0a1b2c3d4e5f';
const inquiry: Inquiry = {
  id: INQUIRY_ID,
  status: 'screening',
  source: 'referral',
  name: 'Jordan Lee Fielding',
  phone: '555-010-0142',
  email: 'jordan@example.test',
  preferredContact: 'phone',
  programId: PROGRAM_ID,
  programName: 'Adult IOP',
  payer: 'commercial',
  message: null,
  notes: null,
  nextStep: null,
  participantId: null,
  episodeId: null,
  referredTo: null,
  referralReason: null,
  createdAt: '2026-11-18T12:00:00.000Z',
  updatedAt: '2026-11-18T12:00:00.000Z',
  version: 3,
};

const episode = {
  id: '99999999-9999-4999-8999-999999999991',
  participantId: '22222222-2222-4222-8222-222222222221',
  programId: PROGRAM_ID,
  programName: 'Adult IOP',
  levelOfCare: 'iop',
  part2: false,
  admittedOn: '2026-11-25',
  expectedWeeks: 8,
  primaryClinicianId: FACILITATOR.id,
  primaryClinicianName: FACILITATOR.name,
  status: 'active',
  dischargedOn: null,
  disposition: null,
  dischargeNote: null,
  currentTrackId: TRACK_ID,
  currentTrackName: 'Evening',
  memberships: [{ trackId: TRACK_ID, trackName: 'Evening', fromDate: '2026-11-25', toDate: null }],
  version: 1,
};

function open(element: React.ReactNode, write: (r: FakeRequest) => Answer) {
  const server = fakeServer(
    (r) => (r.url.startsWith('/api/v1/programs') ? { body: { items: [program] } } : undefined),
    (r) => (r.url.startsWith('/api/v1/staff') ? { body: { items: staff } } : undefined),
    (r) => (r.url.startsWith('/api/v1/tracks?') ? { body: { items: [eveningTrack()] } } : undefined),
    (r) => (r.method !== 'GET' || r.url.startsWith('/api/v1/inquiries/pipeline') ? write(r) : undefined),
  );
  renderPage(element, { path: '/', at: '/' });
  return server;
}

// The forms start from today in the browser's zone: a fixed day, not the wall clock.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-25T17:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('profileFromInquiry', () => {
  it.each([
    ['Jordan Lee Fielding', 'Jordan Lee', 'Fielding'],
    ['  Sam  ', 'Sam', ''],
  ])('splits %j into given %j and family %j', (name, givenName, familyName) => {
    expect(profileFromInquiry({ name, phone: null, email: null })).toMatchObject({ givenName, familyName, phone: '', email: '' });
  });
});

describe('admitting from an inquiry', () => {
  it('starts from the inquiry’s details and sends the person and the admission in one request', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const server = open(<AdmitInquiryModal inquiry={inquiry} onClose={onClose} />, (r) =>
      r.method === 'POST' ? { status: 201, body: { inquiry: { ...inquiry, status: 'admitted', episodeId: episode.id, participantId: episode.participantId }, episode } } : undefined,
    );
    expect((await screen.findByLabelText<HTMLInputElement>(/legal given name/i)).value).toBe('Jordan Lee');
    expect(screen.getByLabelText<HTMLInputElement>(/legal family name/i).value).toBe('Fielding');
    const dob = screen.getByLabelText(/date of birth/i);
    await user.type(dob, 'Apr 12, 1991');
    fireEvent.blur(dob);
    await choose(user, /^Track/, /Evening/);
    await choose(user, /^Primary clinician/, new RegExp(FACILITATOR.name));
    await user.click(screen.getByRole('button', { name: 'Register and admit' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [body] = sent(server.requests, 'POST', `/api/v1/inquiries/${INQUIRY_ID}/admit`);
    expect(body).toMatchObject({
      version: 3,
      participant: { givenName: 'Jordan Lee', familyName: 'Fielding', dateOfBirth: '1991-04-12', phone: '555-010-0142', email: 'jordan@example.test' },
      admission: { programId: PROGRAM_ID, trackId: TRACK_ID, admittedOn: '2026-11-25', primaryClinicianId: FACILITATOR.id },
    });
  });

  it('puts the server’s refusal under the field it names, in either part', async () => {
    const user = userEvent.setup();
    open(<AdmitInquiryModal inquiry={inquiry} onClose={() => undefined} />, (r) =>
      r.method === 'POST'
        ? { status: 422, body: { title: 'Not possible', status: 422, detail: 'The track is full.', errors: [{ path: 'body.admission.trackId', message: 'is full' }] } }
        : undefined,
    );
    const dob = await screen.findByLabelText(/date of birth/i);
    await user.type(dob, 'Apr 12, 1991');
    fireEvent.blur(dob);
    await choose(user, /^Track/, /Evening/);
    await choose(user, /^Primary clinician/, new RegExp(FACILITATOR.name));
    await user.click(screen.getByRole('button', { name: 'Register and admit' }));
    const [track] = screen.getAllByLabelText(/^Track/);
    await waitFor(() => expect(errorUnder(track!)).toBe('is full'));
  });

  it('checks the form before sending anything', async () => {
    const user = userEvent.setup();
    const server = open(<AdmitInquiryModal inquiry={{ ...inquiry, name: 'Sam' }} onClose={() => undefined} />, () => undefined);
    await user.click(await screen.findByRole('button', { name: 'Register and admit' }));
    expect(await screen.findByText('Enter the legal family name')).toBeTruthy();
    expect(screen.getByText('Choose a track')).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});

describe('referring elsewhere', () => {
  it('asks where and why, then records them with the inquiry’s version', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const server = open(<ReferInquiryModal inquiry={inquiry} onClose={onClose} />, (r) =>
      r.method === 'POST' ? { body: { ...inquiry, status: 'referred_elsewhere', referredTo: 'Riverside PHP', referralReason: 'Needs more', version: 4 } } : undefined,
    );
    await user.click(await screen.findByRole('button', { name: 'Record referral' }));
    expect(await screen.findAllByText('Is required')).toHaveLength(2);
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    await user.type(screen.getByLabelText(/^Referred to/), 'Riverside PHP');
    await user.type(screen.getByLabelText(/^Why/), 'Needs more');
    await user.click(screen.getByRole('button', { name: 'Record referral' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent(server.requests, 'POST', `/api/v1/inquiries/${INQUIRY_ID}/refer`)).toEqual([{ version: 3, referredTo: 'Riverside PHP', reason: 'Needs more' }]);
  });
});

describe('the pipeline figures', () => {
  it('shows conversion and median time to admission by source for the last 90 days', async () => {
    const figure = (source: string, inquiries: number, admitted: number, conversionRate: number | null, medianDaysToAdmission: number | null) => ({
      source,
      inquiries,
      admitted,
      conversionRate,
      medianDaysToAdmission,
    });
    const server = open(<PipelineFigures />, () => ({
      body: { from: '2026-08-28', to: '2026-11-25', figures: [figure('referral', 3, 2, 2 / 3, 7), figure('phone', 0, 0, null, null), figure('all', 3, 2, 2 / 3, 6.5)] },
    }));
    const row = (await screen.findByRole('cell', { name: 'Referral' })).closest('tr')!;
    expect(within(row as HTMLElement).getByText('67%')).toBeTruthy();
    expect(within(row as HTMLElement).getByText('7 days')).toBeTruthy();
    const none = screen.getByRole('cell', { name: 'Phone' }).closest('tr')! as HTMLElement;
    expect(within(none).getAllByText('—')).toHaveLength(2);
    expect(screen.getByText('6.5 days')).toBeTruthy();
    expect(server.requests[0]?.url).toBe('/api/v1/inquiries/pipeline?from=2026-08-28&to=2026-11-25');
  });
});
