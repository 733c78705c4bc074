import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-config-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('listens on loopback unless HOST says otherwise', () => {
    const dataDir = join(tempDir(), 'data');
    expect(loadConfig({ TRELLIS_DATA_DIR: dataDir }).host).toBe('127.0.0.1');
    expect(loadConfig({ TRELLIS_DATA_DIR: dataDir, HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ TRELLIS_DATA_DIR: dataDir }).allowDemoRemote).toBe(false);
  });

  it('keeps the generated session secret inside the data directory, not its parent', () => {
    const parent = tempDir();
    const dataDir = join(parent, 'data');
    const config = loadConfig({ TRELLIS_DATA_DIR: dataDir });
    expect(readFileSync(join(dataDir, 'secret'), 'utf8').trim()).toBe(config.authSecret);
    expect(existsSync(join(parent, 'secret'))).toBe(false);
    expect(loadConfig({ TRELLIS_DATA_DIR: dataDir }).authSecret).toBe(config.authSecret);
  });

  it('moves a secret kept beside the data by an earlier version into the data directory', () => {
    const parent = tempDir();
    const dataDir = join(parent, 'data');
    mkdirSync(dataDir);
    writeFileSync(join(parent, 'secret'), 'a'.repeat(64));
    expect(loadConfig({ TRELLIS_DATA_DIR: dataDir }).authSecret).toBe('a'.repeat(64));
    expect(existsSync(join(parent, 'secret'))).toBe(false);
    expect(readFileSync(join(dataDir, 'secret'), 'utf8')).toBe('a'.repeat(64));
  });

  it('takes a starting instant for the clock from TRELLIS_CLOCK and refuses a malformed one', () => {
    const dataDir = join(tempDir(), 'data');
    expect(loadConfig({ TRELLIS_DATA_DIR: dataDir, TRELLIS_CLOCK: '2026-03-08T07:30:00Z' }).clockStart).toBe('2026-03-08T07:30:00Z');
    expect(() => loadConfig({ TRELLIS_DATA_DIR: dataDir, TRELLIS_CLOCK: 'next Tuesday' })).toThrow(/clockStart/);
  });
});
