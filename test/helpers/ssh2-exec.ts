// SPDX-License-Identifier: Apache-2.0
// Runs one command over an ssh2 client and collects its output: for tests that talk to the
// simulated server or a test sshd without the app's session layer.
import type { Client } from 'ssh2';

/** The exit code, stdout and stderr of `command` on `client` (stdin is sent and closed if given). */
export function execOn(client: Client, command: string, stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, stream) => {
      if (err) return reject(err);
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      stream.on('data', (d: Buffer) => (stdout += d));
      stream.stderr.on('data', (d: Buffer) => (stderr += d));
      stream.on('exit', (n: number | null) => (code = n));
      stream.on('close', () => resolve({ code, stdout, stderr }));
      if (stdin !== undefined) stream.end(stdin);
    });
  });
}
