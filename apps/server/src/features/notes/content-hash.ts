/**
 * The hash a signed note shows: sha256 of the canonical JSON of everything it says and who signed it when. It is
 * computed once at signing and stored; a read recomputes it from the stored row, so a change made behind the
 * immutability trigger's back (by the tables' owner) shows as not intact. An addendum's hash covers its note's hash.
 */
import { hash } from 'node:crypto';
import { canonicalJson } from '../../audit/canonical.ts';

export interface HashedNoteContent {
  id: string;
  orgId: string;
  participantId: string;
  episodeId: string;
  kind: string;
  privacy: string;
  format: string | null;
  sessionId: string | null;
  groupNoteId: string | null;
  startsAt: Date;
  endsAt: Date;
  sections: Record<string, string>;
  objectives: readonly { objectiveId: string; progress: string }[];
  facilitatorIds: readonly string[];
  authorId: string;
  signedAt: Date;
}

export function noteContentHash(n: HashedNoteContent): string {
  return hash(
    'sha256',
    canonicalJson({
      id: n.id,
      orgId: n.orgId,
      participantId: n.participantId,
      episodeId: n.episodeId,
      kind: n.kind,
      privacy: n.privacy,
      format: n.format,
      sessionId: n.sessionId,
      groupNoteId: n.groupNoteId,
      sections: n.sections,
      authorId: n.authorId,
      // Objectives as picked, each reduced to its two fields so a stored row hashes as the request did.
      objectives: n.objectives.map((o) => ({ objectiveId: o.objectiveId, progress: o.progress })),
      facilitatorIds: [...n.facilitatorIds],
      startsAt: n.startsAt.toISOString(),
      endsAt: n.endsAt.toISOString(),
      signedAt: n.signedAt.toISOString(),
    }),
    'hex',
  );
}

export function addendumContentHash(a: { id: string; noteId: string; noteHash: string; authorId: string; text: string; writtenAt: Date }): string {
  const { id, noteId, noteHash, authorId, text } = a;
  return hash('sha256', canonicalJson({ id, noteId, noteHash, authorId, text, writtenAt: a.writtenAt.toISOString() }), 'hex');
}
