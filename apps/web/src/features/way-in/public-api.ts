/**
 * The public way in's calls (no sign-in); every answer parsed with the schema the server answers with. The public
 * pages load without the staff app's query client (their JavaScript has a budget), so this holds the little they
 * need: the program page, shared by the frame and the pages for five minutes, and a fresh form token per form.
 */
import { useEffect, useState } from 'react';
import {
  inquiryFormTokenSchema,
  inquiryReceivedSchema,
  publicProgramPageSchema,
  type InquiryRequestInput,
  type PublicProgramPage,
} from '@trellis/core';
import { checkedApi } from '../../app/api-client.ts';

const base = (orgSlug: string) => `/api/v1/public/orgs/${encodeURIComponent(orgSlug)}`;

/** An answer loading, loaded or failed (a failed reload keeps the answer before it). */
export type Loaded<T> = (
  | { data: T; isPending: false; isError: false }
  | { data: undefined; isPending: true; isError: false }
  | { data: undefined; isPending: false; isError: true }
) & {
  error: unknown;
  /** Loads again, keeping the current answer until the new one comes. */
  refetch: () => void;
};

interface State<T> {
  key: string;
  data: T | undefined;
  error: unknown;
  settled: boolean;
}

/** What `load` answers for `key` (a new key loads again); `initial` is an answer already at hand. */
function useLoaded<T>(key: string, load: (signal: AbortSignal) => Promise<T>, initial?: T): Loaded<T> {
  const [state, setState] = useState<State<T>>({ key, data: initial, error: undefined, settled: initial !== undefined });
  const [round, setRound] = useState(0);
  const current: State<T> = state.key === key ? state : { key, data: initial, error: undefined, settled: initial !== undefined };
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ key, data, error: undefined, settled: true }),
      (error: unknown) => !controller.signal.aborted && setState((s) => ({ key, data: s.key === key ? s.data : undefined, error, settled: true })),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is the key's loader; a new round loads again
  }, [key, round]);
  const extra = { error: current.error, refetch: () => setRound((r) => r + 1) };
  if (current.data !== undefined) return { data: current.data, isPending: false, isError: false, ...extra };
  if (current.settled) return { data: undefined, isPending: false, isError: true, ...extra };
  return { data: undefined, isPending: true, isError: false, ...extra };
}

const FRESH_MS = 5 * 60_000;
const programPages = new Map<string, { loadedAt: number; answer: Promise<PublicProgramPage>; page?: PublicProgramPage }>();

/** Forgets the program pages held (tests start from nothing). */
export function forgetProgramPages(): void {
  programPages.clear();
}

/**
 * The program page the server wrote into the HTML (way-in.html, <script type="application/json" id="program-page">),
 * parsed with the API's schema; read once, and only for the organisation it is of. Without it the page asks the API.
 */
function programPageInHtml(orgSlug: string): PublicProgramPage | undefined {
  const element = typeof document === 'undefined' ? null : document.getElementById(PROGRAM_PAGE_ELEMENT_ID);
  if (!element) return undefined;
  element.remove();
  try {
    const parsed = publicProgramPageSchema.safeParse(JSON.parse(element.textContent ?? ''));
    return parsed.success && parsed.data.organisation.slug === orgSlug ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The id of the JSON block the server writes the program page into (apps/server/src/features/way-in/page.ts). */
export const PROGRAM_PAGE_ELEMENT_ID = 'program-page';

/** The program page at hand, if any: held from before, or (the first time) the one in the HTML. */
function heldProgramPage(orgSlug: string): PublicProgramPage | undefined {
  const held = programPages.get(orgSlug);
  if (held) return held.page;
  const inHtml = programPageInHtml(orgSlug);
  if (inHtml) programPages.set(orgSlug, { loadedAt: Date.now(), answer: Promise.resolve(inHtml), page: inHtml });
  return inHtml;
}

function programPage(orgSlug: string) {
  heldProgramPage(orgSlug);
  const held = programPages.get(orgSlug);
  if (held && Date.now() - held.loadedAt < FRESH_MS) return held;
  const entry: { loadedAt: number; answer: Promise<PublicProgramPage>; page?: PublicProgramPage } = {
    loadedAt: Date.now(),
    answer: checkedApi.get(publicProgramPageSchema, `${base(orgSlug)}/programs`),
  };
  entry.answer.then(
    (page) => (entry.page = page),
    () => programPages.get(orgSlug) === entry && programPages.delete(orgSlug),
  );
  programPages.set(orgSlug, entry);
  return entry;
}

/** The organisation's programs as the public sees them; the frame and the pages share one answer. */
export function useProgramPage(orgSlug: string): Loaded<PublicProgramPage> {
  return useLoaded(`programs:${orgSlug}`, () => programPage(orgSlug).answer, heldProgramPage(orgSlug));
}

/** A fresh token each time the form opens: it dates the form for the server's timing check. */
export function useInquiryFormToken(orgSlug: string): Loaded<{ formToken: string }> {
  return useLoaded(`inquiry-form:${orgSlug}`, (signal) => checkedApi.get(inquiryFormTokenSchema, `${base(orgSlug)}/inquiry-form`, undefined, signal));
}

export function sendInquiry(orgSlug: string, request: InquiryRequestInput) {
  return checkedApi.post(inquiryReceivedSchema, `${base(orgSlug)}/inquiries`, request);
}
