import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { fakeServer, type FakeRequest } from '../../test/render.tsx';
import { theme } from '../../app/theme.ts';
import { PublicApp } from './PublicApp.tsx';
import { PublicLayout } from './PublicLayout.tsx';
import { ProgramPage } from './ProgramPage.tsx';
import { SelfCheckPage } from './SelfCheckPage.tsx';
import { RequestPage } from './RequestPage.tsx';
import { forgetProgramPages, PROGRAM_PAGE_ELEMENT_ID } from './public-api.ts';
import { parsePublicPath, PublicRouter } from './public-route.tsx';

const PROGRAM_ID = '7b7f3f5e-2d4a-4c1e-9d3b-0a1b2c3d4e5f';
const page = {
  organisation: { name: 'Riverside Recovery', slug: 'riverside' },
  programs: [
    {
      id: PROGRAM_ID,
      name: 'Adult Mental Health IOP',
      levelOfCare: 'iop',
      levelOfCareLabel: 'Intensive outpatient',
      population: 'adult',
      focus: 'mental_health',
      siteName: 'Riverside East',
      timeZone: 'America/New_York',
      audience: 'Adults whose mood gets in the way of daily life.',
      weekDescription: 'Three evenings a week.',
      therapies: ['Cognitive behavioural therapy (CBT)'],
      insuranceAccepted: ['Medicare', 'Medicaid'],
      typicalLengthWeeks: { min: 6, max: 10 },
      tracks: [
        {
          name: 'Evening',
          weeklyHours: 9,
          blocks: [
            { weekday: 1, startTime: '18:00', endTime: '21:00', title: 'Process group', kind: 'group_therapy' },
            { weekday: 3, startTime: '18:00', endTime: '21:00', title: 'DBT skills', kind: 'skills' },
          ],
        },
      ],
    },
  ],
};

const programsAnswer = (r: FakeRequest) => (r.url === '/api/v1/public/orgs/riverside/programs' ? { body: page } : undefined);
const tokenAnswer = (r: FakeRequest) => (r.url === '/api/v1/public/orgs/riverside/inquiry-form' ? { body: { formToken: 'token-1' } } : undefined);

afterEach(() => {
  vi.unstubAllGlobals();
  forgetProgramPages();
});

/** A public page at an address, in the public pages' own router (they load without the staff app's). */
function renderPublic(element: ReactNode, at: string) {
  return render(
    <MantineProvider theme={theme}>
      <PublicRouter at={at}>{element}</PublicRouter>
    </MantineProvider>,
  );
}

/** Fills the request form as a person would, choosing the payer from the list, and waits for the form token. */
async function fillRequest(user: ReturnType<typeof userEvent.setup>, fields: { name: string; contact: string; phone: string; payer: string }) {
  await user.type(screen.getByLabelText(/Your name/), fields.name);
  await user.click(screen.getByRole('radio', { name: fields.contact }));
  await user.type(screen.getByLabelText('Phone'), fields.phone);
  await user.click(screen.getAllByLabelText(/How do you expect to pay/)[0]!);
  await user.click(await screen.findByRole('option', { name: fields.payer, hidden: true }));
  await user.click(screen.getByRole('checkbox', { name: /agree to be contacted/ }));
  const send = screen.getByRole('button', { name: 'Send my request' });
  await vi.waitFor(() => expect(send.hasAttribute('disabled')).toBe(false));
  return send;
}

describe('public pages', () => {
  it('show the crisis resources, 988 first, on the frame of every page', async () => {
    fakeServer(programsAnswer);
    renderPublic(<PublicLayout>page</PublicLayout>, '/p/riverside');
    const crisis = await screen.findByRole('region', { name: 'Crisis resources' });
    const links = within(crisis).getAllByRole('link');
    expect(links[0]?.textContent).toBe('988 Suicide & Crisis Lifeline');
    expect(links[0]?.getAttribute('href')).toBe('tel:988');
    expect(await screen.findByText('Riverside Recovery')).toBeTruthy();
  });

  it('show a program with who it is for, its days and times in the site’s zone, therapies and insurance', async () => {
    fakeServer(programsAnswer);
    renderPublic(<ProgramPage />, '/p/riverside');
    expect(await screen.findByRole('heading', { name: 'Adult Mental Health IOP' })).toBeTruthy();
    expect(screen.getByText('Adults whose mood gets in the way of daily life.')).toBeTruthy();
    expect(screen.getByText(/Local time at Riverside East \(America\/New York\)/)).toBeTruthy();
    expect(screen.getByText(/Evening · about 9 hours a week/)).toBeTruthy();
    expect(screen.getAllByText('18:00–21:00')).toHaveLength(2);
    expect(screen.getByText(/Medicare, Medicaid/)).toBeTruthy();
    expect(screen.getByText(/usually 6 to 10/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Ask about Adult Mental Health IOP' }).getAttribute('href')).toBe(`/p/riverside/request?program=${PROGRAM_ID}`);
  });

  it('say so when the organisation does not exist', async () => {
    fakeServer();
    renderPublic(<ProgramPage />, '/p/riverside');
    expect(await screen.findByText('There is no organisation at this address.')).toBeTruthy();
  });

  it('show the program page the server wrote into the HTML at once, without asking the API', () => {
    const server = fakeServer(programsAnswer);
    const inHtml = Object.assign(document.createElement('script'), { type: 'application/json', id: PROGRAM_PAGE_ELEMENT_ID, textContent: JSON.stringify(page) });
    document.head.append(inHtml);
    renderPublic(<ProgramPage />, '/p/riverside');
    expect(screen.getByRole('heading', { name: 'Adult Mental Health IOP' })).toBeTruthy();
    expect(server.requests).toHaveLength(0);
    expect(document.getElementById(PROGRAM_PAGE_ELEMENT_ID)).toBeNull();
  });

  it('ask the API when the page in the HTML is of another organisation or of the wrong shape', async () => {
    for (const written of [{ ...page, organisation: { name: 'Elsewhere', slug: 'elsewhere' } }, { organisation: { name: 'X' } }]) {
      forgetProgramPages();
      const server = fakeServer(programsAnswer);
      document.head.append(Object.assign(document.createElement('script'), { type: 'application/json', id: PROGRAM_PAGE_ELEMENT_ID, textContent: JSON.stringify(written) }));
      const { unmount } = renderPublic(<ProgramPage />, '/p/riverside');
      expect(await screen.findByRole('heading', { name: 'Adult Mental Health IOP' })).toBeTruthy();
      expect(server.requests.map((r) => r.url)).toEqual(['/api/v1/public/orgs/riverside/programs']);
      unmount();
    }
  });

  it('refuse a page answer of the wrong shape rather than show it', async () => {
    fakeServer((r) => (r.url.endsWith('/programs') ? { body: { organisation: { name: 'X' } } } : undefined));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    renderPublic(<ProgramPage />, '/p/riverside');
    expect(await screen.findByText(/answered in a form this page does not understand/)).toBeTruthy();
  });
});

describe('the public pages’ own router', () => {
  it('reads the organisation and the page from the address', () => {
    expect(parsePublicPath('/p/riverside')).toEqual({ orgSlug: 'riverside', page: 'programs' });
    expect(parsePublicPath('/p/riverside/')).toEqual({ orgSlug: 'riverside', page: 'programs' });
    expect(parsePublicPath('/p/riverside/self-check')).toEqual({ orgSlug: 'riverside', page: 'self-check' });
    expect(parsePublicPath('/p/riverside/request')).toEqual({ orgSlug: 'riverside', page: 'request' });
    expect(parsePublicPath('/p/riverside/elsewhere')).toEqual({ orgSlug: 'riverside', page: 'not-found' });
    expect(parsePublicPath('/portal')).toBeNull();
  });

  it('moves between the pages without reloading, marks the current one, loads the programs once, and goes back', async () => {
    const user = userEvent.setup();
    const server = fakeServer(programsAnswer);
    window.history.replaceState(null, '', '/p/riverside');
    render(
      <MantineProvider theme={theme}>
        <PublicApp />
      </MantineProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Adult Mental Health IOP' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Public pages' });
    expect(within(nav).getByRole('link', { name: 'Programs' }).getAttribute('aria-current')).toBe('page');
    await user.click(within(nav).getByRole('link', { name: 'Is an IOP right for me?' }));
    // The self-check loads when first opened.
    expect(await screen.findByRole('heading', { name: 'Is an IOP right for me?', level: 1 }, { timeout: 10_000 })).toBeTruthy();
    expect(window.location.pathname).toBe('/p/riverside/self-check');
    expect(within(nav).getByRole('link', { name: 'Is an IOP right for me?' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('region', { name: 'Crisis resources' })).toBeTruthy();
    window.history.back();
    expect(await screen.findByRole('heading', { name: 'Our programs' })).toBeTruthy();
    expect(server.requests.filter((r) => r.url.endsWith('/programs'))).toHaveLength(1);
  });

  it('says so, with the crisis resources still shown, at an address that is no page', async () => {
    fakeServer(programsAnswer);
    renderPublic(<PublicApp at="/p/riverside/elsewhere" />, '/p/riverside/elsewhere');
    expect(await screen.findByText('There is no page here')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Crisis resources' })).toBeTruthy();
  });
});

describe('the self-check', () => {
  async function answer(user: ReturnType<typeof userEvent.setup>, choices: Record<string, string>) {
    for (const [question, option] of Object.entries(choices)) {
      const group = screen.getByRole('radiogroup', { name: new RegExp(question) });
      await user.click(within(group).getByRole('radio', { name: option }));
    }
  }
  const calm = {
    'thoughts of ending your life': 'No',
    'hurting someone else': 'No',
    'drink or use drugs': 'I do not drink or use drugs',
    'medical conditions': 'No',
    'Where you live now': 'Stable and supportive',
    'get in the way of daily life': 'A lot — work, school, family or health are suffering',
    'weekly counselling': 'No',
    'attend a program several times': 'Yes',
    'work or school': 'Yes',
  };

  it('names every unanswered question and sends nothing', async () => {
    const user = userEvent.setup();
    const server = fakeServer();
    renderPublic(<SelfCheckPage />, '/p/riverside/self-check');
    await user.click(screen.getByRole('button', { name: 'See what to ask about' }));
    expect(await screen.findAllByText('Choose one answer')).toHaveLength(9);
    expect(server.requests).toHaveLength(0);
  });

  it('suggests asking about an IOP, with reasons, and says it is not a diagnosis', async () => {
    const user = userEvent.setup();
    const server = fakeServer();
    renderPublic(<SelfCheckPage />, '/p/riverside/self-check');
    await answer(user, calm);
    await user.click(screen.getByRole('button', { name: 'See what to ask about' }));
    expect(await screen.findByText('Ask about an intensive outpatient program (IOP).')).toBeTruthy();
    expect(screen.getByText(/built so you can keep going to work or school/)).toBeTruthy();
    expect(screen.getByText(/This is not a diagnosis/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Crisis resources' })).toBeNull();
    expect(server.requests).toHaveLength(0);
  });

  it('puts the crisis resources first when a safety answer is yes', async () => {
    const user = userEvent.setup();
    fakeServer();
    renderPublic(<SelfCheckPage />, '/p/riverside/self-check');
    await answer(user, { ...calm, 'thoughts of ending your life': 'Yes' });
    await user.click(screen.getByRole('button', { name: 'See what to ask about' }));
    const crisis = await screen.findByRole('region', { name: 'Crisis resources' });
    const heading = screen.getByRole('heading', { name: 'What to ask about' });
    // The crisis resources come before the advice in the page.
    expect(crisis.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByText(/Your safety comes first/)).toBeTruthy();
  });
});

describe('request an assessment', () => {
  it('sends the request with the form token and an empty honeypot, then says only that it was received', async () => {
    const user = userEvent.setup();
    const server = fakeServer(programsAnswer, tokenAnswer, (r) =>
      r.method === 'POST' && r.url === '/api/v1/public/orgs/riverside/inquiries' ? { status: 202, body: { status: 'received' } } : undefined,
    );
    renderPublic(<RequestPage />, `/p/riverside/request?program=${PROGRAM_ID}`);
    await user.click(await fillRequest(user, { name: 'Avery Sample', contact: 'Text message', phone: '555-010-0199', payer: 'Medicaid' }));
    expect(await screen.findByText('Request received')).toBeTruthy();
    const posted = server.requests.find((r) => r.method === 'POST');
    expect(posted?.body).toMatchObject({
      name: 'Avery Sample',
      phone: '555-010-0199',
      preferredContact: 'text',
      programId: PROGRAM_ID,
      payer: 'medicaid',
      consentToContact: true,
      formToken: 'token-1',
      website: '',
    });
  });

  it('checks the answers with the server’s rules before sending', async () => {
    const user = userEvent.setup();
    const server = fakeServer(programsAnswer, tokenAnswer);
    renderPublic(<RequestPage />, '/p/riverside/request');
    const send = screen.getByRole('button', { name: 'Send my request' });
    await vi.waitFor(() => expect(send.hasAttribute('disabled')).toBe(false));
    await user.click(send);
    expect(await screen.findByText('Enter your name')).toBeTruthy();
    expect(screen.getByText('Choose how we should contact you')).toBeTruthy();
    expect(screen.getByText('Must be ticked so the program may contact you')).toBeTruthy();
    // The rule across fields: the way chosen needs its detail.
    await user.type(screen.getByLabelText(/Your name/), 'Avery Sample');
    await user.click(screen.getByRole('radio', { name: 'Email' }));
    await user.click(screen.getAllByLabelText(/How do you expect to pay/)[0]!);
    await user.click(await screen.findByRole('option', { name: 'Medicare', hidden: true }));
    await user.click(screen.getByRole('checkbox', { name: /agree to be contacted/ }));
    await user.click(send);
    expect(await screen.findByText('Is needed to contact you by email')).toBeTruthy();
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('asks to send again, with a fresh token, when the server finds it sent too soon', async () => {
    const user = userEvent.setup();
    let tokens = 0;
    const server = fakeServer(
      programsAnswer,
      (r) => (r.url.endsWith('/inquiry-form') ? { body: { formToken: `token-${++tokens}` } } : undefined),
      (r) =>
        r.method === 'POST'
          ? {
              status: 400,
              body: { title: 'Invalid request', status: 400, errors: [{ path: 'body.formToken', message: 'was sent too soon after the form opened: check your answers and send it again' }] },
            }
          : undefined,
    );
    renderPublic(<RequestPage />, '/p/riverside/request');
    await user.click(await fillRequest(user, { name: 'Quick Person', contact: 'Phone call', phone: '555-010-0100', payer: 'Not sure' }));
    expect(await screen.findByText(/This form was sent too soon/)).toBeTruthy();
    await vi.waitFor(() => expect(server.requests.filter((r) => r.url.endsWith('/inquiry-form'))).toHaveLength(2));
  });
});
