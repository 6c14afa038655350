// SPDX-License-Identifier: Apache-2.0
// ControlChannel framing with a scripted stream: login noise before the ready line, replies split at odd
// places and out of any chunk alignment, request ids matched, a drop rejects in-flight requests and reopens.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ChannelDropped, ControlChannel, type ChannelOpener, type CtlStream } from '../../../../../electron/backend/deploy/runner/control-channel.js';
import { StepProtocolError } from '../../../../../electron/backend/deploy/runner/step-protocol.js';

class FakeStream extends EventEmitter {
  written: Buffer[] = [];
  stderr = new EventEmitter();
  write(b: Buffer): boolean {
    this.written.push(b);
    return true;
  }
  end(): this {
    return this;
  }
  close(): void {
    this.emit('close');
  }
}

function opener(): ChannelOpener & { streams: FakeStream[]; commands: string[] } {
  const streams: FakeStream[] = [];
  const commands: string[] = [];
  return {
    streams, commands,
    open(command) {
      const s = new FakeStream();
      streams.push(s);
      commands.push(command);
      setImmediate(() => s.emit('data', Buffer.from('motd: welcome\n@@ciab-ctl-ready 1 42\n')));
      return Promise.resolve(s as unknown as CtlStream);
    },
  };
}

const frame = (id: string, code: number, out: string, err = '') => Buffer.from(`@@ciab-ctl ${id} ${code} ${Buffer.byteLength(out)} ${Buffer.byteLength(err)}\n${out}${err}`);
const tick = () => new Promise((r) => setImmediate(r));

describe('ControlChannel', () => {
  it('skips login noise, frames requests with their body, and reassembles split replies', async () => {
    const o = opener();
    const ctl = new ControlChannel(o, '/st', '# ciab-step v1\n');
    const a = ctl.request('start', ['s1', 1, 60], 'echo €\n');
    await tick();
    await tick();
    const b = ctl.request('status', ['s1', 1]);
    await tick();
    const s = o.streams[0] as FakeStream;
    expect(o.commands[0]).toContain(' ciab-step serve /st');
    expect(Buffer.concat(s.written).toString()).toBe('r1 start 9 s1 1 60\necho €\nr2 status 0 s1 1\n');
    const bytes = Buffer.concat([frame('r1', 0, '@@ciab-step:started 7\n'), frame('r2', 0, 'x\n@@ciab-ctl r9 0 0 0\n', 'warn\n')]);
    const cuts = [0, 3, 20, 31, 50, bytes.length];
    for (let i = 1; i < cuts.length; i++) s.emit('data', bytes.subarray(cuts[i - 1], cuts[i]));
    expect((await a).out.toString()).toBe('@@ciab-step:started 7\n');
    expect(await b).toEqual({ code: 0, out: Buffer.from('x\n@@ciab-ctl r9 0 0 0\n'), err: Buffer.from('warn\n') });
  });

  it('rejects in-flight requests when the channel drops, and the next request reopens it', async () => {
    const o = opener();
    const ctl = new ControlChannel(o, '/st', '');
    const a = ctl.request('ping', []);
    await tick();
    await tick();
    (o.streams[0] as FakeStream).close();
    await expect(a).rejects.toBeInstanceOf(ChannelDropped);
    const b = ctl.request('ping', []);
    await tick();
    await tick();
    (o.streams[1] as FakeStream).emit('data', frame('r2', 0, ''));
    expect((await b).code).toBe(0);
    expect(ctl.opens).toBe(2);
  });

  it('turns an error reply into a StepProtocolError and refuses words that would break the line', async () => {
    const o = opener();
    const ctl = new ControlChannel(o, '/st', '');
    await expect(ctl.request('status', ['a b'])).rejects.toThrow(/bad control request word/);
    const a = ctl.call('status', ['s', 1]);
    await tick();
    await tick();
    (o.streams[0] as FakeStream).emit('data', frame('r1', 2, '', '@@ciab-step:error bad step: s\n'));
    await expect(a).rejects.toBeInstanceOf(StepProtocolError);
    await expect(a).rejects.toThrow(/bad step: s/);
  });
});
