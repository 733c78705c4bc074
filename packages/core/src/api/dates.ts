import { z } from 'zod';
import { EARLIEST_DATE, LATEST_DATE, isWithinDateWindow } from '../dates.ts';

/** A calendar date 'YYYY-MM-DD' that exists (2023-02-29 does not) within the window every date input is held to. */
export const saneDateSchema = z.iso
  .date('must be a real date in YYYY-MM-DD form')
  .refine(isWithinDateWindow, `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`);
