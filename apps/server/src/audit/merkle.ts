/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency) §2.1: leaves and interior nodes are hashed with distinct
 * prefixes (0x00, 0x01) so a leaf can never pass for a node, and the tree splits at the largest power of two below n.
 */
import { createHash } from 'node:crypto';

const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

function treeHash(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return sha256(Buffer.from([0]), leaves[0]!);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(Buffer.from([1]), treeHash(leaves.slice(0, k)), treeHash(leaves.slice(k)));
}

/** The RFC 6962 Merkle root (hex) over these leaves (UTF-8 text), in order. */
export function merkleRoot(leaves: readonly string[]): string {
  return treeHash(leaves.map((l) => Buffer.from(l, 'utf8'))).toString('hex');
}
