import { describe, expect, it } from 'vitest';
import { uuidv7 } from './audit.ts';

describe('uuidv7', () => {
  const at = Date.UTC(2026, 10, 30, 12, 0, 0, 123);

  it('is a version-7 UUID of the RFC 9562 variant carrying the milliseconds in its first 48 bits', () => {
    const id = uuidv7(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it('sorts in time order and differs in its random bits within one millisecond', () => {
    const [early, later, latest] = [uuidv7(at), uuidv7(at + 1), uuidv7(at + 256)];
    expect(early < later && later < latest).toBe(true);
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(at))).size).toBe(1000);
  });
});
