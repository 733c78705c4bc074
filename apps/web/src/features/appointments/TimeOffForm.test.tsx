import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderPage } from '../../test/render.tsx';
import { TIME_INPUT_WIDTH, TimeOffForm } from './TimeOffForm.tsx';

describe('the time-off form', () => {
  it('gives both time inputs room for a 12-hour time with AM/PM and the clock button', () => {
    renderPage(<TimeOffForm timeZone="America/New_York" withKind submitLabel="Add time off" pending={false} onSubmit={async () => undefined} />, {
      path: '/',
      at: '/',
    });
    // '12:00 PM' and the clock button measured 126 px in Chromium (en-US); 110 cut the AM/PM off.
    expect(TIME_INPUT_WIDTH).toBeGreaterThanOrEqual(130);
    for (const label of ['Starts at', 'Ends at']) {
      const input = screen.getByLabelText(label);
      expect(input.getAttribute('type')).toBe('time');
      // Mantine writes the width on the field's root as rem (16 px each).
      const root = input.closest<HTMLElement>('.mantine-InputWrapper-root')!;
      expect(root.style.width, label).toContain(`${TIME_INPUT_WIDTH / 16}rem`);
    }
  });
});
