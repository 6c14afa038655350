// SPDX-License-Identifier: Apache-2.0
// The ciab-step wire format: status/read/trailer parsing and the follow preamble, split at every byte.
import { describe, expect, it } from 'vitest';
import { FollowDecoder, parseFollowEnd, parseRead, parseStatus, scriptError, StepProtocolError } from '../../../../../electron/backend/deploy/runner/step-protocol.js';
import { stepCommand, stepScript, STEP_SCRIPT_VERSION_LINE } from '../../../../../electron/backend/deploy/runner/step-agent.js';

describe('step protocol', () => {
  it('parses status lines and ignores login-shell noise around them', () => {
    expect(parseStatus('motd noise\n@@ciab-step:status running - 123 0\n')).toEqual({ state: 'running', code: null, size: 123, timedOut: false });
    expect(parseStatus('@@ciab-step:status exited 124 0 1\n')).toEqual({ state: 'exited', code: 124, size: 0, timedOut: true });
    expect(() => parseStatus('nothing here')).toThrow(StepProtocolError);
    expect(() => parseStatus('@@ciab-step:status weird - 1 0\n')).toThrow(/bad state/);
  });

  it('parses the follow trailer from stderr, or null without one', () => {
    expect(parseFollowEnd('pyenv: noise\n@@ciab-step:end 2097152 exited 3 0\n')).toEqual({ end: 2097152, state: 'exited', code: 3, timedOut: false });
    expect(parseFollowEnd('@@ciab-step:end 10 lost - 0\n')).toEqual({ end: 10, state: 'lost', code: null, timedOut: false });
    expect(parseFollowEnd('killed\n')).toBeNull();
    expect(scriptError('x\n@@ciab-step:error bad step: a/b\n')).toBe('bad step: a/b');
  });

  it('parses a read reply byte-exact, binary included', () => {
    const data = Buffer.from([0xe2, 0x82, 0x0a, 0x1b, 0x5b, 0x00, 0xff]);
    const r = parseRead(Buffer.concat([Buffer.from('noise\n@@ciab-step:read 5 7 exited 0 0\n'), data]));
    expect(r).toMatchObject({ offset: 5, state: 'exited', code: 0, timedOut: false });
    expect(r.data.equals(data)).toBe(true);
    expect(() => parseRead(Buffer.from('@@ciab-step:read 0 9 running - 0\nshort'))).toThrow(/promised 9/);
  });

  it('strips the follow preamble whatever the chunking, and passes every output byte once', () => {
    const body = Buffer.concat([Buffer.from('\x1b[31mröd €😀\n@@ciab-step:follow 99\n'), Buffer.from([0, 0xf0, 0x9f, 0x98])]);
    const wire = Buffer.concat([Buffer.from('Welcome!\n@@ciab-step:follow 42\n'), body]);
    for (let size = 1; size <= wire.length; size++) {
      const got: Buffer[] = [];
      const d = new FollowDecoder((b) => got.push(b));
      for (let i = 0; i < wire.length; i += size) d.push(wire.subarray(i, i + size));
      expect(d.startOffset).toBe(42);
      expect(Buffer.concat(got).equals(body)).toBe(true);
      expect(got.every((b) => b.length > 0)).toBe(true);
    }
  });

  it('builds one sh -c command: script quoted as one word, arguments quoted', () => {
    const cmd = stepCommand('status', ["/tmp/it's here", 'step-1', 2], '# ciab-step v1\necho \'x\'\n');
    expect(cmd).toBe(`sh -c '# ciab-step v1\necho '\\''x'\\''\n' ciab-step status '/tmp/it'\\''s here' step-1 2`);
    expect(stepScript().startsWith(`${STEP_SCRIPT_VERSION_LINE}\n`)).toBe(true);
    // fish as a login shell would alter double backslashes inside single quotes.
    expect(stepScript()).not.toContain('\\\\');
  });
});
