import { Badge } from '@mantine/core';
import type { NoteSummary } from '@trellis/core';

/** Draft or signed, late entry, co-signature pending or given, and a private note's class. */
export function NoteStatusBadges({ note }: { note: Pick<NoteSummary, 'status' | 'lateEntry' | 'cosignature' | 'privacy'> }) {
  return (
    <>
      {note.status === 'draft' ? <Badge color="gray">Draft</Badge> : <Badge color="teal">Signed</Badge>}
      {note.lateEntry && <Badge color="orange">Late entry</Badge>}
      {note.cosignature === 'pending' && <Badge color="yellow">Co-signature pending</Badge>}
      {note.cosignature === 'cosigned' && <Badge variant="light">Co-signed</Badge>}
      {note.privacy !== 'record' && <Badge color="grape">{note.privacy === 'psychotherapy' ? 'Psychotherapy note' : 'SUD counseling note'}</Badge>}
    </>
  );
}
