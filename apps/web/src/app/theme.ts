import { Badge, createTheme } from '@mantine/core';
import { DATE_INPUT_FORMAT } from './date-input-format.ts';

export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: { light: 8, dark: 6 },
  defaultRadius: 'md',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '700' },
  cursorType: 'pointer',
  components: {
    // Date inputs read like dates in page text, and times are 24-hour like the schedule. Plain objects rather than
    // DateInput.extend(): importing the date components here would put them in every page's download.
    DateInput: { defaultProps: { valueFormat: DATE_INPUT_FORMAT } },
    DatePickerInput: { defaultProps: { valueFormat: DATE_INPUT_FORMAT } },
    TimePicker: { defaultProps: { format: '24h' } },
    // Sentence-case badges that never cut their word short: the word is the information.
    Badge: Badge.extend({ defaultProps: { tt: 'none' }, styles: { root: { overflow: 'visible' }, label: { overflow: 'visible', textOverflow: 'clip' } } }),
    // Icon-only close buttons need a name for screen readers.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } },
    // Mantine greys a titled notification's message to gray-6 (3.3:1 on white); the dimmed colour reads at 4.5:1.
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss notification' } },
      styles: { description: { color: 'var(--mantine-color-dimmed)' } },
    },
    Table: { defaultProps: { verticalSpacing: 'sm', highlightOnHover: true } },
    Tooltip: { defaultProps: { events: { hover: true, focus: true, touch: true } } },
  },
});
