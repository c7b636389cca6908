import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { isMessageType, onMessage } from '../../../src/messaging';

const sender = { id: 'story-lens-id', url: 'https://news.example.com/', frameId: 0 };
const deliver = async (message: unknown) =>
  (await fakeBrowser.runtime.onMessage.trigger(message, sender, () => undefined)).find((r) => r !== undefined);

const removers: (() => void)[] = [];
beforeEach(() => {
  while (removers.length) removers.pop()!();
  removers.push(onMessage('getCard', ({ data }) => (data.entity === 'kim-jong-un' ? { id: data.entity } : null) as never));
});

describe('messages', () => {
  it("names that are not the protocol's own are refused before any lookup, and the protocol keeps answering", async () => {
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      expect(isMessageType(type)).toBe(false);
      expect(await deliver({ id: 1, type, data: { entity: 'kim-jong-un' }, timestamp: Date.now() })).toBeUndefined();
    }
    expect(await deliver({ id: 2, type: 'getCard', data: { entity: 'kim-jong-un' }, timestamp: Date.now() })).toEqual({
      res: { id: 'kim-jong-un' },
    });
  });

  it("a message without the protocol's format, or with no handler here, is left unanswered", async () => {
    for (const message of [null, 'getCard', { type: 'getCard', data: { entity: 'kim-jong-un' } }, { type: 'getPageSetup', timestamp: 1 }]) {
      expect(await deliver(message)).toBeUndefined();
    }
  });

  it("a handler's failure is answered as an error, with its message", async () => {
    removers.push(
      onMessage('stepMention', () => {
        throw new Error('no page here');
      }),
    );
    expect(await deliver({ id: 3, type: 'stepMention', data: { direction: 1 }, timestamp: 1 })).toEqual({
      err: { name: 'Error', message: 'no page here', stack: '' },
    });
  });
});
