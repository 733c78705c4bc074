import type { Participant } from '../../api/types.ts';

/** The name to address someone by: preferred name with family name, else the legal name. */
export function displayNameOf(p: Pick<Participant, 'givenName' | 'familyName' | 'preferredName'>): string {
  return `${p.preferredName?.trim() || p.givenName} ${p.familyName}`;
}

export function legalNameOf(p: Pick<Participant, 'givenName' | 'familyName'>): string {
  return `${p.givenName} ${p.familyName}`;
}
