/**
 * The key that signs sealed audit batches. It lives outside the database (a file in the data directory, or wherever
 * TRELLIS_AUDIT_KEY points), so someone who can rewrite the database still cannot forge a batch. Generated once;
 * every process sealing one database must share it.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface AuditFiles {
  /** The Ed25519 private key (PKCS#8 PEM). */
  keyPath: string;
  /** The append-only log of sealed batch heads, one JSON object per line. */
  logPath: string;
}

/** Where the signing key and the external batch log live for a data directory (or TRELLIS_AUDIT_KEY / TRELLIS_AUDIT_LOG). */
export function auditFilesFor(dataDir: string, env: NodeJS.ProcessEnv = process.env): AuditFiles | null {
  const base = dataDir === 'memory://' ? null : dataDir;
  const keyPath = env.TRELLIS_AUDIT_KEY || (base && join(base, 'audit-signing-key.pem'));
  const logPath = env.TRELLIS_AUDIT_LOG || (base && join(base, 'audit-batches.log'));
  return keyPath && logPath ? { keyPath, logPath } : null;
}

export interface AuditSigner {
  keyId: string;
  sign: (message: string) => string;
}

export interface AuditKeyCheck {
  keyId: string;
  verify: (message: string, signature: string) => boolean;
}

const keyIdOf = (publicKey: KeyObject) =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);

/** Loads the signing key, generating it (readable by this user only) the first time. */
export function loadOrCreateSigner(keyPath: string): AuditSigner {
  if (!existsSync(keyPath)) {
    mkdirSync(dirname(keyPath), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    // 'wx' refuses to overwrite a key another process wrote first; that one is then read below.
    try {
      writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const privateKey = createPrivateKey(readFileSync(keyPath, 'utf8'));
  const keyId = keyIdOf(createPublicKey(privateKey));
  return { keyId, sign: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey).toString('base64') };
}

/** The public half of the signing key, for checking batches; null when the key file does not exist. */
export function loadKeyCheck(keyPath: string): AuditKeyCheck | null {
  if (!existsSync(keyPath)) return null;
  const publicKey = createPublicKey(createPrivateKey(readFileSync(keyPath, 'utf8')));
  return {
    keyId: keyIdOf(publicKey),
    verify: (message, signature) =>
      verify(null, Buffer.from(message, 'utf8'), publicKey, Buffer.from(signature, 'base64')),
  };
}
