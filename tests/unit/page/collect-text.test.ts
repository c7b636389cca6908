import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { collectChunks, collectText, notMain, rangeFor, visibleContext, type CollectedText } from '../../../src/page/collect-text';
import { BLOCK_BREAK } from '../../../src/core/types';
import { NOT_MAIN_SELECTOR } from '../../../src/core/text-blocks';

function page(html: string): Document {
  const win = new Window({
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  win.document.body.innerHTML = html;
  return win.document as unknown as Document;
}
const shown = (t: string) => t.replaceAll(BLOCK_BREAK, '¶');

describe('collectText', () => {
  it('joins inline elements into one line of text', () => {
    const doc = page('<p><b>Vladimir</b> <i>Putin</i> met <span>Kim</span> <span>Jong Un</span>.</p>');
    expect(collectText(doc.body).text).toBe('Vladimir Putin met Kim Jong Un.');
  });

  it('puts a block break between paragraphs, cells, list items and around <br>', () => {
    const doc = page('<p>Vladimir</p><p>Putin</p><table><tr><td>Kim</td><td>Jong Un</td></tr></table><ul><li>a</li><li>b</li></ul>x<br>y');
    expect(shown(collectText(doc.body).text)).toBe('Vladimir¶Putin¶Kim¶Jong Un¶a¶b¶x¶y');
  });

  it('skips what a reader cannot see or is typing', () => {
    const doc = page(
      '<p>seen</p><script>Putin</script><style>.Putin{}</style><noscript>Putin</noscript><template>Putin</template>' +
        '<textarea>Putin</textarea><input value="Putin"><select><option>Putin</option></select>' +
        '<div contenteditable="true"><p>Putin</p></div><div contenteditable>Putin</div><div hidden>Putin</div>' +
        '<svg><text>Putin</text></svg><div style="display: none">Putin</div><p>also seen</p>',
    );
    expect(shown(collectText(doc.body).text)).toBe('seen¶also seen');
  });

  it('skips what the caller rejects (the card host)', () => {
    const doc = page('<p>Putin</p><story-lens-card><b>Kim</b></story-lens-card>');
    expect(collectText(doc.body, { skip: (el) => el.localName === 'story-lens-card' }).text).toBe('Putin');
  });

  it('asks the caller only about custom elements, where the card host is', () => {
    const doc = page('<div><p>Putin <b>and</b> <x-card>Kim</x-card></p><span>Seoul</span></div>');
    const asked: string[] = [];
    const skip = (el: Element) => (asked.push(el.localName), el.localName === 'x-card');
    expect(collectText(doc.body, { skip }).text).toBe('Putin and ' + BLOCK_BREAK + 'Seoul');
    // the root and its ancestors are asked (a root inside the card has nothing to give), then only custom elements
    expect(asked).toEqual(['body', 'html', 'x-card']);
  });

  it('tells blocks by name where elements share an interface, page after page', () => {
    // q and blockquote are both HTMLQuoteElement, pre and xmp HTMLPreElement, b and section HTMLElement,
    // td and th HTMLTableCellElement (both blocks)
    const html =
      '<p>a<q>b</q>c</p><blockquote>d</blockquote>e<pre>f</pre><xmp>g</xmp><b>h</b><section>i</section>' +
      '<table><tr><th>j</th><td>k</td></tr></table><span>l</span><div>m</div>';
    const want = 'abc¶d¶e¶f¶gh¶i¶j¶k¶l¶m';
    for (let k = 0; k < 3; k++) expect(shown(collectText(page(html).body).text)).toBe(want);
  });

  it('walks into open shadow roots, each a block of its own', () => {
    const doc = page('<p>before <span id="host"></span> after</p>');
    const host = doc.getElementById('host')!;
    host.attachShadow({ mode: 'open' }).innerHTML = '<b>Vladivostok</b>';
    expect(shown(collectText(doc.body).text)).toBe('before ¶Vladivostok¶ after');
  });

  it('keeps node data raw, so offsets map back to the nodes', () => {
    const doc = page('<p>Kim\u00a0Jong Un and Pu\u00adtin</p><p>  Seoul  </p>');
    const c = collectText(doc.body);
    expect(c.text).toBe('Kim\u00a0Jong Un and Pu\u00adtin' + BLOCK_BREAK + '  Seoul  ');
    c.nodes.forEach((n, i) => expect(c.text.slice(c.starts[i], c.starts[i]! + n.data.length)).toBe(n.data));
  });

  it('maps offsets to a Range across inline elements', () => {
    const doc = page('<p>Mr <b>Vladimir</b> <i>Putin</i>’s visit</p>');
    const c = collectText(doc.body);
    const start = c.text.indexOf('Vladimir');
    const r = rangeFor(c, start, start + 'Vladimir Putin'.length);
    expect(r.toString()).toBe('Vladimir Putin');
    expect(r.startContainer.parentElement?.localName).toBe('b');
    expect(r.endContainer.parentElement?.localName).toBe('i');
  });

  it('gives the visible text around a mention within its block', () => {
    const doc = page(
      '<p>First paragraph.</p><p>Talks with <b>Vladimir</b>\n   <i>Putin</i> on an\u00a0arms deal that could seal a lot of things for Moscow.</p>',
    );
    const c = collectText(doc.body);
    const start = c.text.indexOf('Vladimir');
    const end = c.text.indexOf('Putin') + 5;
    expect(visibleContext(c, start, end)).toEqual({
      text: 'Vladimir Putin',
      before: 'Talks with ',
      after: ' on an arms deal that could seal a lot o', // 40 characters
    });
  });
});

describe('collectChunks', () => {
  it('cuts the text at block boundaries into pieces of about maxChars', () => {
    const doc = page(Array.from({ length: 10 }, (_, k) => `<p>Paragraph number ${k} about <b>Vladimir</b> <i>Putin</i>.</p>`).join(''));
    const whole = collectText(doc.body).text;
    const chunks = [...collectChunks(doc.body, { maxChars: 100 })];
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.map((c) => c.text).join(BLOCK_BREAK)).toBe(whole);
    for (const c of chunks) {
      expect(c.text.startsWith('Paragraph')).toBe(true);
      c.nodes.forEach((n, i) => expect(c.text.slice(c.starts[i], c.starts[i]! + n.data.length)).toBe(n.data));
    }
  });

  it('reads maxChars anew for each piece, and never yields an empty one', () => {
    const doc = page(Array.from({ length: 6 }, (_, k) => `<p>Paragraph ${k}</p>`).join(''));
    const opts = { maxChars: 1000 };
    const pieces = collectChunks(doc.body, opts);
    opts.maxChars = 1; // before the first piece: every piece is one paragraph
    const first = pieces.next().value!;
    expect(first.text).toBe('Paragraph 0');
    opts.maxChars = 20; // then two paragraphs a piece
    expect(shown(pieces.next().value!.text)).toBe('Paragraph 1¶Paragraph 2');
    const rest = [...pieces].map((c) => shown(c.text));
    expect(rest).toEqual(['Paragraph 3¶Paragraph 4', 'Paragraph 5']);
    expect([...collectChunks(page('<p></p><script>x</script>').body, { maxChars: 0 })]).toEqual([]);
  });

  it('takes a text node as the root', () => {
    const doc = page('<p>Kim <b>Jong Un</b></p>');
    const t = doc.querySelector('b')!.firstChild!;
    expect(collectText(t).text).toBe('Jong Un');
    expect([...collectChunks(t, { maxChars: 1 })].map((c) => c.text)).toEqual(['Jong Un']);
  });
});

/** an element `sel` (a tag, [role=x], tag.class, .class, #id, [class*=x]) matches, holding `text` */
function mk(sel: string, text: string): string {
  const tag = /^[a-z]+/.exec(sel)?.[0] ?? 'div';
  const role = /\[role=([\w-]+)\]/.exec(sel)?.[1];
  const cls = /\.([\w-]+)/.exec(sel)?.[1] ?? /\[class\*=([\w-]+)\]/.exec(sel)?.[1];
  const id = /#([\w-]+)/.exec(sel)?.[1];
  const attrs = [
    role && `role="${role}"`,
    cls && `class="x-${cls}"`.replace('x-' + cls, sel.includes('*=') ? `x${cls}y` : cls),
    id && `id="${id}"`,
  ];
  return `<${tag} ${attrs.filter(Boolean).join(' ')}>${text}</${tag}>`;
}

/** the runs of `c.text` that are not main text, offset by offset (a block break between two such runs joins them) */
function notMainRuns(c: CollectedText): string[] {
  const t = c.text;
  const at = notMain(c);
  const flags = Array.from(t, (_, k) => t[k] !== BLOCK_BREAK && at(k));
  for (let k = 0; k < t.length; k++) if (t[k] === BLOCK_BREAK) flags[k] = !!flags[k - 1] && !!flags[k + 1];
  const out: string[] = [];
  for (let k = 0; k < t.length; k++) {
    if (!flags[k] || (k > 0 && flags[k - 1])) continue;
    let e = k;
    while (e < t.length && flags[e]) e++;
    out.push(shown(t.slice(k, e)));
  }
  return out;
}

/** the text of the page that is not main text, run by run */
function asides(html: string): string[] {
  return notMainRuns(collectText(page(html).body)).map((x) => x.trim());
}

describe('main text, judged from markup in the same walk', () => {
  it('menus, banners, footers, asides, forms and search are not main text', () => {
    expect(
      asides(
        '<header><p>Site Kim</p></header><nav>Putin</nav><article><header><h1>Headline</h1></header><p>Body</p></article>' +
          '<aside>Side</aside><div role="navigation">Nav</div><div role="search">Find</div><form><p>Sign up</p></form>' +
          '<footer><p>Foot</p></footer>',
      ),
    ).toEqual(['Site Kim¶Putin', 'Side¶Nav¶Find¶Sign up¶Foot']);
  });

  it('a line that is almost all links (a list of links, a "read more") is not main text; a linked name in prose is', () => {
    expect(
      asides(
        '<p>Kim Jong Un met <a href="/p">Vladimir Putin</a> at the cosmodrome on Wednesday.</p>' +
          '<ul>\n  <li>\n    <a href="/1">Putin in Beijing</a>\n  </li>\n  <li><a href="/2">Seoul votes</a> 2h</li>\n</ul>' +
          '<p>Read more: <a href="/3">Kim visits Russia again</a></p>',
      ),
    ).toEqual(['Putin in Beijing', 'Seoul votes 2h', 'Read more: Kim visits Russia again']);
  });

  it('citations, reference lists and the sections under a "References" heading are not main text', () => {
    expect(
      asides(
        '<p>Putin spoke.<sup class="reference"><a href="#c1">[1]</a></sup> Then <cite>Pravda</cite> wrote.</p>' +
          '<h2>History</h2><p>Kim came.</p><h2>References</h2><ol><li>Moscow Times, 2019</li></ol><h3>Books</h3><p>Seoul, 2020</p>' +
          '<h2>Aftermath</h2><p>Main again.</p><div class="reflist"><p>Kremlin</p></div>',
      ),
    ).toEqual(['[1]', 'Pravda', 'Moscow Times, 2019¶Books¶Seoul, 2020', 'Kremlin']);
  });

  it('comments sections and photo credits are not main text; the caption itself is', () => {
    expect(
      asides(
        '<figure><figcaption>Kim Jong Un in Vladivostok. <span class="credit">Photo: Putin Archive/AFP</span></figcaption></figure>' +
          '<section id="comments"><p>I think Putin...</p></section>',
      ),
    ).toEqual(['Photo: Putin Archive/AFP¶I think Putin...']);
  });

  it('finds, in its cheap parts, exactly what the one selector of what is not main text names', () => {
    const kinds = NOT_MAIN_SELECTOR.split(',').map((sel, i) => {
      // an element each selector matches, holding its own word; a decoy beside it that none matches
      const word = `W${i}x`;
      if (sel.startsWith('figcaption '))
        return `<figure><figcaption>Cap ${sel.slice(11).replace(/[^a-z]/g, '')}<span>${mk(sel.slice(11), word)}</span></figcaption></figure>`;
      return `<div><p>Decoy${i}</p>${mk(sel, word)}</div>`;
    });
    const html = `<div>${kinds.join('')}<p class="referenced" role="main" id="commentsx">Kept</p><span class="reference">Kept too</span></div>`;
    const expected = Array.from(page(html).querySelectorAll(NOT_MAIN_SELECTOR), (el) => shown(el.textContent ?? '').trim());
    expect(asides(html)).toEqual(expected);
    expect(expected).toHaveLength(NOT_MAIN_SELECTOR.split(',').length);
  });

  it('a piece read on its own knows it sits in a menu or comments section', () => {
    const doc = page('<nav><ul><li id="x">Putin</li></ul></nav><p id="y">Kim</p>');
    expect(notMain(collectText(doc.getElementById('x')!))(0)).toBe(true);
    expect(notMain(collectText(doc.getElementById('y')!))(0)).toBe(false);
    const inComments = collectText(page('<section class="comments"><p id="z">Putin</p></section>').getElementById('z')!);
    expect(notMain(inComments)(0)).toBe(true);
  });

  it('text in a shadow root is not main text when its host sits in a comments section or a byline', () => {
    const doc = page('<p>Kim Jong Un</p><div class="comments"><x-comment id="c"></x-comment></div><my-byline class="byline"></my-byline>');
    doc.getElementById('c')!.attachShadow({ mode: 'open' }).innerHTML = '<p>I think Putin...</p>';
    doc.querySelector('my-byline')!.attachShadow({ mode: 'open' }).innerHTML = '<span>By Anna Putina</span>';
    expect(notMainRuns(collectText(doc.body))).toEqual(['I think Putin...¶By Anna Putina']);
  });

  it('cutting the page into chunks cuts its spans, and finds the same text not main', () => {
    const html = Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i} of the story.</p><nav><a href="/">Menu ${i}</a></nav>`).join('');
    const whole = asides(html);
    const pieces: string[] = [];
    for (const c of collectChunks(page(html).body, { maxChars: 100 })) pieces.push(...notMainRuns(c));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('¶').split('¶')).toEqual(whole.join('¶').split('¶'));
  });
});
