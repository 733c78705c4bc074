/** Checks intake makes before creating a record: a possible duplicate person, and a place on the chosen track. */
import { z } from 'zod';

const name = z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters');

/** Sent in a POST body, not a query string, so names never appear in URLs or access logs. */
export const possibleDuplicatesQuerySchema = z.object({
  givenName: name,
  familyName: name,
  dateOfBirth: z.iso.date('must be a real date in YYYY-MM-DD form'),
});
export type PossibleDuplicatesQuery = z.infer<typeof possibleDuplicatesQuerySchema>;

export const possibleDuplicateSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  dateOfBirth: z.string(),
  /** Whether the person is in a program now (a second admission would be a mistake). */
  active: z.boolean(),
});
export type PossibleDuplicate = z.infer<typeof possibleDuplicateSchema>;

export const possibleDuplicateListSchema = z.object({ items: z.array(possibleDuplicateSchema) });
export type PossibleDuplicateList = z.infer<typeof possibleDuplicateListSchema>;

export const trackPlacesQuerySchema = z.object({ on: z.iso.date('must be a real date in YYYY-MM-DD form') });

export const trackPlacesSchema = z.object({
  trackId: z.string(),
  trackName: z.string(),
  /** The smallest capacity among the track's blocks; null when it has none. */
  capacity: z.number().nullable(),
  /** Active members on the track from the date on. */
  taken: z.number(),
  full: z.boolean(),
});
export type TrackPlaces = z.infer<typeof trackPlacesSchema>;
