/**
 * The background's guard: every message is checked for its shape (zod) and
 * for who sent it before a handler sees it.
 *
 * - Content scripts run inside web pages: a hostile page cannot call the
 *   extension APIs, but a compromised renderer can forge what its content
 *   script sends. They only get read-only answers (page setup, cards) and may
 *   report their own page (badge, trail).
 * - The extension's own pages (options, popup) are the only senders that may
 *   change stories or settings: their sender.url is under the extension's
 *   origin.
 * - Anything else (another extension, a message without a sender, a name the
 *   protocol does not have) is refused.
 */
import { z } from 'zod';

export type SenderKind = 'content' | 'extension';

/** What the guard needs of a runtime.MessageSender. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number; incognito?: boolean; url?: string };
  frameId?: number;
}

export class GuardError extends Error {
  constructor(message: string) {
    super(`Story Lens refused the message: ${message}`);
    this.name = 'GuardError';
  }
}

const pageUrl = z
  .string()
  .max(8192)
  .refine((s) => /^https?:\/\//i.test(s), 'expected an http(s) URL');
const entityId = z.string().min(1).max(200);

/** Per message: its data's shape and who may send it. */
export const MESSAGE_RULES = {
  getPageSetup: { from: ['content', 'extension'], data: z.object({ url: z.string().max(8192) }) },
  getCard: {
    from: ['content', 'extension'],
    data: z.object({ entity: entityId, surface: z.string().max(500).optional() }),
  },
  reportPage: {
    from: ['content'],
    data: z.object({
      url: z.string().max(8192),
      title: z.string().max(5000),
      counts: z.record(entityId, z.number().int().min(0).max(1_000_000)).refine((c) => Object.keys(c).length <= 5000, 'too many entities'),
      /** ids of the stories the page is coverage of (checked against the enabled stories where used) */
      covers: z.array(z.string().min(1).max(80)).max(60),
      quiet: z.boolean(),
      scripted: z.boolean().optional(),
    }),
  },
  setSiteEnabled: { from: ['extension'], data: z.object({ url: pageUrl, enabled: z.boolean() }) },
  markPageAnyway: { from: ['extension'], data: z.object({ tabId: z.number().int().min(0), url: pageUrl }) },
} as const satisfies Record<string, { from: readonly SenderKind[]; data: z.ZodType }>;

export type GuardedMessage = keyof typeof MESSAGE_RULES;
export type GuardedData<K extends GuardedMessage> = z.infer<(typeof MESSAGE_RULES)[K]['data']>;

/** Who sent a message: the extension's own page, one of its content scripts, or null for anyone else. */
export function senderKind(sender: SenderLike | undefined, extensionId: string, extensionOrigin: string): SenderKind | null {
  if (!sender || sender.id !== extensionId || typeof sender.url !== 'string') return null;
  const origin = extensionOrigin.endsWith('/') ? extensionOrigin : `${extensionOrigin}/`;
  if (sender.url.startsWith(origin)) return 'extension';
  // A content script always speaks from a tab, from a web page's frame.
  if (sender.tab && /^https?:\/\//i.test(sender.url)) return 'content';
  return null;
}

/**
 * Checks a message; returns its validated data or throws GuardError naming
 * what is wrong (the sender sees it as a rejected promise).
 */
export function checkMessage<K extends string>(
  name: K,
  data: unknown,
  sender: SenderLike | undefined,
  extension: { id: string; origin: string },
): K extends GuardedMessage ? GuardedData<K> : never {
  const rules = MESSAGE_RULES as Record<string, { from: readonly SenderKind[]; data: z.ZodType }>;
  const rule = Object.hasOwn(rules, name) ? rules[name] : undefined;
  if (!rule) throw new GuardError(`"${name}" is not a message Story Lens answers`);
  const kind = senderKind(sender, extension.id, extension.origin);
  if (!kind) throw new GuardError(`"${name}" came from an unknown sender`);
  if (!rule.from.includes(kind)) {
    throw new GuardError(
      kind === 'content'
        ? `"${name}" changes stories or settings, which only the extension's own pages may do`
        : `"${name}" is only for content scripts`,
    );
  }
  const parsed = rule.data.safeParse(data);
  if (!parsed.success) {
    throw new GuardError(
      `"${name}" is malformed (${parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`).join('; ')})`,
    );
  }
  return parsed.data as never;
}
