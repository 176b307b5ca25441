// Content hashes key everything the index keeps per file content (parses, outlines, cache records).
import * as crypto from 'node:crypto';

/** One-shot hashing where Node has it (20.12+): no hasher object per file. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string) => string }).hash;

/** Hex SHA-1 of a text: 40 characters. */
export function contentHash(text: string): string {
  return oneShot ? oneShot('sha1', text) : crypto.createHash('sha1').update(text).digest('hex');
}
