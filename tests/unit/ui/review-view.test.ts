// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { mountReview } from '../../../src/ui/review';
import { initialReview } from '../../../src/ui/review-state';

const found = {
  entities: Array.from({ length: 40 }, (_, i) => ({
    name: `Person Number${i}`,
    type: 'person' as const,
    aliases: [`Number${i}`],
    sentences: [`Person Number${i} spoke.`],
  })),
};

function mount(onSave = vi.fn(async () => [] as string[])) {
  const box = document.createElement('div');
  document.body.replaceChildren(box);
  const review = mountReview(box, initialReview(found, { title: 'Forty people', date: '2024-05-01' }), { onSave, onCancel: vi.fn() });
  const rows = () => [...box.querySelectorAll<HTMLElement>('.sl-entity-edit')];
  const rowOf = (name: string) => rows().find((r) => r.querySelector<HTMLInputElement>('.sl-name-input')!.value === name)!;
  return { box, review, rows, rowOf };
}

const change = (control: HTMLInputElement | HTMLSelectElement, value: string) => {
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true }));
};

describe('review screen view', () => {
  it('an edit redraws only its own row, and the control keeps the keyboard', () => {
    const { rows, rowOf } = mount();
    const before = rows();
    const select = rowOf('Person Number7').querySelector<HTMLSelectElement>('select[id^="sl-type-"]')!;
    select.focus();
    change(select, 'organization');
    const after = rows();
    expect(after.filter((r, i) => r !== before[i])).toEqual([]);
    expect(rowOf('Person Number7').dataset.type).toBe('organization');
    expect(document.activeElement).toBe(select);

    const alias = rowOf('Person Number3').querySelector<HTMLInputElement>('input[id^="sl-alias-"]')!;
    alias.value = 'P. Number3';
    alias.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    const redrawn = rows().filter((r, i) => r !== after[i]);
    expect(redrawn.map((r) => r.querySelector<HTMLInputElement>('.sl-name-input')!.value)).toEqual(['Person Number3']);
    expect((document.activeElement as HTMLElement).id).toBe(alias.id);
  });

  it('an entity unticked moves below, under "Left out"', () => {
    const { box, rowOf, review } = mount();
    const keep = rowOf('Person Number0').querySelector<HTMLInputElement>('.sl-keep')!;
    keep.checked = false;
    keep.dispatchEvent(new Event('change', { bubbles: true }));
    expect(box.querySelector('#sl-review-kept')!.textContent).toBe('In the story (39)');
    expect(box.querySelector('#sl-review-left')!.textContent).toBe('Left out (1)');
    expect(box.querySelector('.sl-left-out .sl-entity-edit')).toBe(rowOf('Person Number0'));
    expect(review.state().entities.filter((e) => e.selected)).toHaveLength(39);
  });

  it('filters by text and type, and "Select none shown" leaves out only those shown', () => {
    const { box, rows } = mount();
    const text = box.querySelector<HTMLInputElement>('#sl-review-filter-text')!;
    text.value = 'number1';
    text.dispatchEvent(new Event('input'));
    // Number1 and Number10..Number19
    expect(rows().filter((r) => !r.hidden)).toHaveLength(11);
    expect(box.querySelector('.sl-shown')!.textContent).toBe('Showing 11 of 40');
    box.querySelector<HTMLButtonElement>('[data-focus-key="reviewSelectNone"]')!.click();
    expect(box.querySelector('#sl-review-kept')!.textContent).toBe('In the story (29)');
    const type = box.querySelector<HTMLSelectElement>('#sl-review-filter-type')!;
    change(type, 'place');
    expect(rows().filter((r) => !r.hidden)).toHaveLength(0);
    expect(box.textContent).toContain('No person, place or organization here matches the filter.');
  });

  it('blocks a save with nothing kept, saying why, without calling the store', async () => {
    const onSave = vi.fn(async () => [] as string[]);
    const { box } = mount(onSave);
    const top = box.querySelector<HTMLInputElement>('#sl-review-top')!;
    top.value = '0';
    box.querySelector<HTMLButtonElement>('[data-focus-key="keep-top"]')!.click();
    box.querySelector<HTMLButtonElement>('[data-focus-key="save"]')!.click();
    await Promise.resolve();
    expect(box.querySelector('.sl-problems')!.textContent).toContain('Keep at least one person, place or organization.');
    expect(onSave).not.toHaveBeenCalled();
  });
});
