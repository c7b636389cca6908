/**
 * The one queue every read-modify-write of stored data goes through. A write
 * reads a stored value, changes it and writes it back; two of them running at
 * once (two quick clicks, an import while a trail visit is recorded) would
 * each write what they read and lose the other's change. Queued, they run one
 * after the other, whatever item they change, so a settings write and a
 * stories write never interleave.
 *
 * The queue is per JavaScript context (the background, an options page, the
 * popup): each context's writes are in order. A queued function must not
 * queue another (it would wait for itself): the store's exported writers
 * queue, the helpers they call inside do not.
 */
let tail: Promise<unknown> = Promise.resolve();

/** Runs `write` after every write queued before it; a failed write does not stop the ones after it. */
export function queueWrite<T>(write: () => Promise<T>): Promise<T> {
  const next = tail.then(write, write);
  tail = next.catch(() => undefined);
  return next;
}
