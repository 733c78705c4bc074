import { Button } from '@mantine/core';

/**
 * Downloads a record's PDF from the API. A plain link: the browser sends the session cookie and saves the attachment,
 * so nothing of the record passes through the page's memory. `what` completes the accessible name ("Download PDF of …").
 */
export function DownloadPdfButton({ href, what }: { href: string; what: string }) {
  return (
    <Button component="a" href={href} download variant="default" size="xs" aria-label={`Download PDF of ${what}`}>
      Download PDF
    </Button>
  );
}
