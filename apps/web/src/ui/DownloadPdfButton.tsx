import { useState, type MouseEvent } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { apiDownload, errorMessage } from '../app/api-client.ts';

/** Hands a fetched file to the browser to save, under the name the server gave it. */
function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled: the browser has taken the file by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Downloads a record's PDF from the API. A link (so it can also be opened in a new tab), but a click fetches the file,
 * so a refusal (a draft, no permission, signed out) shows here in plain words instead of as a saved error file. `what` completes the accessible name
 * ("Download PDF of …") and the fallback file name.
 */
export function DownloadPdfButton({ href, what }: { href: string; what: string }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const file = await apiDownload(href);
      saveFile(file.blob, file.filename ?? `${what.replace(/[^\w-]+/g, '-')}.pdf`);
    } catch (error) {
      setProblem(`The PDF could not be downloaded: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={4} align="flex-start">
      <Button
        component="a"
        href={href}
        download
        variant="default"
        size="xs"
        loading={busy}
        onClick={(event: MouseEvent) => {
          event.preventDefault();
          if (!busy) void download();
        }}
        aria-label={`Download PDF of ${what}`}
      >
        Download PDF
      </Button>
      {problem && (
        <Text role="alert" size="sm" c="red.8">
          {problem}
        </Text>
      )}
    </Stack>
  );
}
