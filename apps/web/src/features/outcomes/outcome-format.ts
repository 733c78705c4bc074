/** How the outcome pages put figures into words. */

/** "5 of 12 (42%)"; "0 of 0" as "none measured"; a figure the instrument does not define as "—". */
export function formatShare(share: { count: number; of: number } | null): string {
  if (share === null) return '—';
  if (share.of === 0) return 'none measured';
  return `${share.count} of ${share.of} (${Math.round((share.count / share.of) * 100)}%)`;
}

/** A change in score points with its sign: "−6.5", "+2", "0". */
export function formatChange(change: number | null): string {
  if (change === null) return '—';
  const rounded = Math.round(change * 10) / 10;
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${rounded}` : `−${Math.abs(rounded)}`;
}

/** A wait in plain words: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatWait(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}
