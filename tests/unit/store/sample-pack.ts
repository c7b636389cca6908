/** A small valid story pack of the reader's own, for store tests. */
export function samplePack(id = 'chip-summit-2024', extra: Record<string, unknown> = {}) {
  return {
    format: 'story-lens/pack',
    formatVersion: 1,
    id,
    title: 'Leaders meet at the chip summit',
    date: '2024-05-01',
    entities: [
      { id: 'ada-lovelace', name: 'Ada Lovelace', type: 'person', description: 'A mathematician.' },
      { id: 'geneva', name: 'Geneva', type: 'place', description: 'A city in Switzerland.' },
    ],
    ...extra,
  };
}
