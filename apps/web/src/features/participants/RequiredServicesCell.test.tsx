import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderPage } from '../../test/render.tsx';
import { RequiredServicesCell } from './RequiredServicesCell.tsx';

describe('a week’s required appointments on the ledger', () => {
  it('shows each called-for service as booked, due or missing, with counts when more than one is required', () => {
    renderPage(
      <RequiredServicesCell
        items={[
          { kind: 'individual', required: 2, booked: 1, attended: 1, status: 'due' },
          { kind: 'family', required: 1, booked: 1, attended: 0, status: 'booked' },
          { kind: 'psychiatry', required: 1, booked: 0, attended: 0, status: 'missing' },
        ]}
      />,
      { path: '/', at: '/' },
    );
    expect(screen.getByText(/Individual therapy: due 1\/2/i)).toBeTruthy();
    expect(screen.getByText(/Family session: booked/i)).toBeTruthy();
    expect(screen.getByText(/Psychiatry: missing/i)).toBeTruthy();
  });

  it('leaves out what the cadence does not call for, and says when nothing is due', () => {
    renderPage(<RequiredServicesCell items={[{ kind: 'psychiatry', required: 0, booked: 0, attended: 0, status: 'not_due' }]} />, { path: '/', at: '/' });
    expect(screen.getByText('None due')).toBeTruthy();
    expect(screen.queryByText(/Psychiatry/)).toBeNull();
  });
});
