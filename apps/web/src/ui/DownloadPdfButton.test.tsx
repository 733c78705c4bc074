import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage } from '../test/render.tsx';
import { DownloadPdfButton } from './DownloadPdfButton.tsx';

afterEach(() => vi.unstubAllGlobals());

function answerWith(response: () => Response) {
  const requests: { url: string; accept: string | null }[] = [];
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    requests.push({ url, accept: new Headers(init?.headers).get('Accept') });
    return Promise.resolve(response());
  });
  return requests;
}

describe('Download PDF button', () => {
  it('fetches the PDF and saves it under the name the server gave', async () => {
    const requests = answerWith(
      () => new Response(new Blob(['%PDF-1.7']), { headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="note-2026-03-02.pdf"' } }),
    );
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: () => 'blob:pdf', revokeObjectURL: () => undefined }));
    renderPage(<DownloadPdfButton href="/api/v1/notes/n-1/pdf" what="this note" />, { path: '/', at: '/' });
    await userEvent.click(screen.getByRole('link', { name: 'Download PDF of this note' }));
    await waitFor(() => expect(saved).toEqual(['note-2026-03-02.pdf']));
    expect(screen.getByRole('link', { name: 'Download PDF of this note' }).getAttribute('href')).toBe('/api/v1/notes/n-1/pdf');
    expect(requests).toEqual([{ url: '/api/v1/notes/n-1/pdf', accept: 'application/pdf, application/problem+json' }]);
    expect(screen.queryByRole('alert')).toBeNull();
    click.mockRestore();
  });

  it('says in the page why the PDF was refused, instead of saving an error as a file', async () => {
    answerWith(
      () =>
        new Response(JSON.stringify({ type: 'about:blank', title: 'Not signed', status: 409, detail: 'Only a signed note can be exported.' }), {
          status: 409,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    renderPage(<DownloadPdfButton href="/api/v1/notes/n-1/pdf" what="this note" />, { path: '/', at: '/' });
    await userEvent.click(screen.getByRole('link', { name: 'Download PDF of this note' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The PDF could not be downloaded: Only a signed note can be exported.');
    expect(click).not.toHaveBeenCalled();
    click.mockRestore();
  });
});
