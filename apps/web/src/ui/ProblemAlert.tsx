import { Alert, Button, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError, errorMessage, type FieldProblem } from '../app/api-client.ts';

interface ProblemAlertProps {
  error: unknown;
  /** A heading in plain words, e.g. "Could not save the roll". */
  title?: string;
  /** Field problems the form could not show next to a field. */
  extra?: FieldProblem[];
  onRetry?: () => void;
}

function headingFor(error: unknown, fallback: string): string {
  if (!(error instanceof ApiError)) return fallback;
  switch (error.status) {
    case 0:
      return 'No connection';
    case 403:
      return 'Not allowed';
    case 404:
      return 'Not found';
    case 409:
      // The server names the kind of conflict ("Room booked", "Changed by someone else"); the page's own words otherwise.
      return error.title && error.title !== 'Conflict' ? error.title : fallback;
    default:
      return fallback;
  }
}

/** Trying again helps with a lost connection or a server fault, not with a refusal. */
function retryable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 429;
}

/** An error from the server in plain words, with its field problems and an optional retry. */
export function ProblemAlert({ error, title = 'Something went wrong', extra = [], onRetry }: ProblemAlertProps) {
  if (!error) return null;
  const fieldProblems = extra.length ? extra : [];
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} aria-hidden />} title={headingFor(error, title)} role="alert">
      {errorMessage(error)}
      {fieldProblems.length > 0 && (
        <List size="sm" mt="xs">
          {fieldProblems.map((p) => (
            <List.Item key={`${p.path}:${p.message}`}>{p.message}</List.Item>
          ))}
        </List>
      )}
      {onRetry && retryable(error) && (
        <div>
          <Button variant="white" color="red" size="xs" mt="sm" onClick={onRetry}>
            Try again
          </Button>
        </div>
      )}
    </Alert>
  );
}
