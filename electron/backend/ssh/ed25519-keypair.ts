// SPDX-License-Identifier: Apache-2.0
// A new ed25519 key pair in OpenSSH formats that OpenSSH and ssh2 both read back. ssh2's
// generator drops a leading zero byte of the key about once in 256 keys, which neither
// ssh-keygen nor ssh2's own parser accepts; such keys are thrown away and made again.
import ssh2 from 'ssh2';

const { utils } = ssh2;

/** Generates an ed25519 key pair ({ private, public } in OpenSSH formats) that parses back. */
export function generateEd25519KeyPair(comment: string): { private: string; public: string } {
  for (let i = 0; i < 32; i++) {
    const pair = utils.generateKeyPairSync('ed25519', { comment });
    const priv = utils.parseKey(pair.private);
    const pub = utils.parseKey(pair.public);
    if (!(priv instanceof Error) && !(pub instanceof Error) && priv.isPrivateKey() && Buffer.from(pair.public.split(' ')[1] ?? '', 'base64').length === 51) return pair;
  }
  throw new Error('could not generate a well-formed ed25519 key pair');
}
