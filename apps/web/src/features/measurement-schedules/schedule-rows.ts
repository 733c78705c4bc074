/** The schedule editor's rows (one per instrument) and the request they make. */
import { INSTRUMENT_IDS, type InstrumentId, type MeasurementScheduleUpdate, type MeasurementScheduleView } from '@trellis/core';

export interface Row {
  instrument: InstrumentId;
  used: boolean;
  atAdmission: boolean;
  everyDays: number | string;
  atDischarge: boolean;
}

export function rowsOf(view: MeasurementScheduleView): Row[] {
  return INSTRUMENT_IDS.map((instrument) => {
    const rule = view.rules.find((r) => r.instrument === instrument);
    return { instrument, used: !!rule, atAdmission: rule?.atAdmission ?? false, everyDays: rule?.everyDays ?? '', atDischarge: rule?.atDischarge ?? false };
  });
}

/** The request the rows make; instruments left unused are left out (none at all: back to the defaults). */
export function requestOf(rows: readonly Row[]): MeasurementScheduleUpdate {
  return {
    rules: rows
      .filter((r) => r.used)
      .map((r) => ({ instrument: r.instrument, atAdmission: r.atAdmission, everyDays: r.everyDays === '' ? null : Number(r.everyDays), atDischarge: r.atDischarge })),
  };
}
