import { describe, expect, it } from 'vitest';
import { facilitatorClashes, type WeeklyFacilitation } from './facilitator-clashes.ts';

const NY = 'America/New_York';
const block = (weekday: number, startTime: string, endTime: string, facilitatorId: string | null, timeZone = NY): WeeklyFacilitation => ({
  weekday,
  startTime,
  endTime,
  facilitatorId,
  timeZone,
});

describe('facilitatorClashes', () => {
  const other = block(1, '09:00', '12:00', 'dana');
  it.each([
    ['same person, same day, overlapping', block(1, '11:00', '13:00', 'dana'), true],
    ['same person, back to back', block(1, '12:00', '13:00', 'dana'), false],
    ['same person, inside the other', block(1, '10:00', '10:30', 'dana'), true],
    ['same person, another day', block(2, '09:00', '12:00', 'dana'), false],
    ['another person, same time', block(1, '09:00', '12:00', 'eli'), false],
    ['nobody assigned', block(1, '09:00', '12:00', null), false],
    ['same person, site in another zone', block(1, '09:00', '12:00', 'dana', 'America/Los_Angeles'), false],
  ])('%s', (_name, ours, clashes) => {
    expect(facilitatorClashes([ours], [other]).length > 0).toBe(clashes);
  });

  it('also finds two blocks of the same track that need one person twice at once, naming both', () => {
    const ours = [block(3, '18:00', '19:30', 'dana'), block(3, '19:00', '20:00', 'dana'), block(3, '20:00', '21:00', 'dana')];
    expect(facilitatorClashes(ours, []).map((c) => c.index)).toEqual([0, 1]);
  });

  it('names the clashing block of the other track', () => {
    const theirs = [{ ...other, trackName: 'Morning' }];
    expect(facilitatorClashes([block(1, '08:00', '09:30', 'dana')], theirs)).toEqual([{ index: 0, facilitatorId: 'dana', other: theirs[0] }]);
  });

  it.each([
    ['our co-facilitator leads their block', { ...block(1, '10:00', '11:00', 'eli'), coFacilitatorIds: ['dana'] }, other, 'dana'],
    ['their co-facilitator leads our block', block(1, '10:00', '11:00', 'fay'), { ...other, coFacilitatorIds: ['fay'] }, 'fay'],
    ['co-facilitators of both, nobody leading', { ...block(1, '10:00', '11:00', null), coFacilitatorIds: ['gus'] }, { ...block(1, '09:00', '12:00', null), coFacilitatorIds: ['gus'] }, 'gus'],
    ['a co-facilitator free then', { ...block(1, '12:00', '13:00', 'eli'), coFacilitatorIds: ['dana'] }, other, null],
  ])('counts co-facilitators: %s', (_name, ours, theirs, person) => {
    expect(facilitatorClashes([ours], [theirs])[0]?.facilitatorId ?? null).toBe(person);
  });
});
