// SPDX-License-Identifier: Apache-2.0
// ssh2's ed25519 generator makes an unreadable key about once in 256; ours never hands one out.
import ssh2 from 'ssh2';
import { describe, expect, it } from 'vitest';
import { generateEd25519KeyPair } from '../../../../electron/backend/ssh/ed25519-keypair.js';

describe('generateEd25519KeyPair', () => {
  it('gives 1500 key pairs in a row that all parse back, private and public', () => {
    for (let i = 0; i < 1500; i++) {
      const pair = generateEd25519KeyPair(`k${i}`);
      const priv = ssh2.utils.parseKey(pair.private);
      expect(priv instanceof Error, pair.private).toBe(false);
      expect(Buffer.from(pair.public.split(' ')[1]!, 'base64')).toHaveLength(51);
    }
  });
});
