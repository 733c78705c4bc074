import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderPage } from '../test/render.tsx';
import { DownloadPdfButton } from './DownloadPdfButton.tsx';

describe('Download PDF button', () => {
  it('is a download link to the API, named for what it downloads', () => {
    renderPage(<DownloadPdfButton href="/api/v1/notes/n-1/pdf" what="this note" />, { path: '/', at: '/' });
    const link = screen.getByRole('link', { name: 'Download PDF of this note' });
    expect(link.getAttribute('href')).toBe('/api/v1/notes/n-1/pdf');
    expect(link.hasAttribute('download')).toBe(true);
    expect(link.textContent).toBe('Download PDF');
  });
});
