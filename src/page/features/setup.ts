/**
 * Painting: asks the background what to find and how to show it, and scans
 * the page with it. Content scripts cannot read extension storage
 * (src/background/storage-access.ts), so the background tells every tab what
 * changed: `setupChanged` (what is found, or where Story Lens runs: ask again,
 * and rescan only if what is found changed) or `showChanged` (applied in
 * place: nothing is found again).
 *
 * A page made editable as a whole (document.designMode) is never marked: its
 * text is the reader's to edit. designMode is no attribute, so no mutation
 * tells of it: it is looked at every second, and the page asks again when it
 * changes.
 */
import type { PageContext } from '../context';
import { ENTITY_TYPES } from '../../core/pack';
import { onMessage, sendMessage, type PageFind, type PageSetup } from '../../messaging';
import type { PageSession } from './session';

/** a burst of changes (an import, typing in the options) is asked about once */
const SETUP_DEBOUNCE_MS = 100;
/** while the background cannot answer (installing, reloading): ask again this many times, then wait for a change */
const SETUP_RETRIES = 5;
const DESIGN_MODE_POLL_MS = 1000;

/** What to find, guarded by kind: the background validated it, the page only checks it has what it uses. */
function readFind(raw: PageFind | null | undefined): PageFind | null {
  if (!raw?.matcher || typeof raw.revision !== 'number') return null;
  const types = Array.isArray(raw.types) ? ENTITY_TYPES.filter((t) => raw.types.includes(t)) : [...ENTITY_TYPES];
  return { matcher: raw.matcher, types, revision: raw.revision, everywhere: raw.everywhere === true };
}

/** Runs `task` one at a time; a call while it runs makes it run once more (unless it returns false). */
function oneAtATime(task: () => Promise<boolean>, valid: () => boolean): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        if (!(await task())) return;
      } while (again && valid());
    })().finally(() => {
      running = null;
    });
    return running;
  };
}

export async function startSetup(ctx: PageContext, page: PageSession): Promise<void> {
  /** the revision of what the page was scanned for (null: not scanned) */
  let revision: number | null = null;
  let failures = 0;
  const editing = () => page.doc.designMode === 'on';
  let wasEditing = editing();

  const apply = (setup: PageSetup) => {
    page.setShow(setup.show);
    const find = editing() ? null : readFind(setup.find);
    if (!find) {
      revision = null;
      page.stopScan();
    } else if (find.revision !== revision || !page.active) {
      revision = find.revision;
      page.startScan(find.matcher, find.everywhere);
    } else if (find.everywhere !== page.scanner.marksEverywhere) {
      // "mark this page anyway", or the setting: what is found is the same, only what is marked changes
      page.scanner.setEverywhere(find.everywhere);
      page.emit('settled');
    }
  };

  const refresh = oneAtATime(
    async () => {
      let setup: PageSetup;
      try {
        setup = await sendMessage('getPageSetup', { url: page.win.location.href });
        failures = 0;
      } catch {
        if (++failures <= SETUP_RETRIES) ctx.setTimeout(() => void refresh(), 500 * failures);
        return false;
      }
      if (!ctx.isValid || !setup) return false;
      apply(setup);
      return true;
    },
    () => ctx.isValid,
  );

  let timer = 0;
  const removers = [
    onMessage('setupChanged', () => {
      clearTimeout(timer);
      timer = ctx.setTimeout(() => void refresh(), SETUP_DEBOUNCE_MS);
    }),
    onMessage('showChanged', ({ data }) => page.setShow(data)),
  ];
  ctx.onInvalidated(() => removers.forEach((remove) => remove()));
  ctx.setInterval(() => {
    if (editing() === wasEditing) return;
    wasEditing = !wasEditing;
    void refresh();
  }, DESIGN_MODE_POLL_MS);

  await refresh();
}
