import type { CensusRow } from '../../api/types.ts';
import { byAttention } from '../../ui/ledger-status.ts';

export type CensusSortKey = 'status' | 'name' | 'hours';
export interface CensusSort {
  key: CensusSortKey;
  direction: 'asc' | 'desc';
}

/** Share of the requirement attended; a week with no requirement counts as complete. */
function attendedShare(row: CensusRow): number {
  return row.ledger.requiredHours > 0 ? row.ledger.attendedHours / row.ledger.requiredHours : 1;
}

const compareName = (a: CensusRow, b: CensusRow) => a.displayName.localeCompare(b.displayName);

/** Rows sorted for the census; by status, weeks that can still be saved come first, the least attended leading. */
export function sortCensusRows(rows: readonly CensusRow[], sort: CensusSort): CensusRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const compare = (a: CensusRow, b: CensusRow): number => {
    switch (sort.key) {
      case 'status':
        return byAttention(a.ledger.status, b.ledger.status) * sign || attendedShare(a) - attendedShare(b) || compareName(a, b);
      case 'name':
        return compareName(a, b) * sign;
      case 'hours':
        return (attendedShare(a) - attendedShare(b)) * sign || compareName(a, b);
    }
  };
  return [...rows].sort(compare);
}
