// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { articleFromHtml, blockText } from '../../../src/ui/popup-follow';

const fixture = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../../fixtures/articles', name), 'utf8');

describe('Follow this story: the page\u2019s article', () => {
  it('takes the article text, a paragraph per block, without navigation, comments or footer', () => {
    const a = articleFromHtml(fixture('d03-vostochny-comments.html'), 'https://fareastdesk.example/a/81523', new DOMParser())!;
    expect(a.title).toMatch(/Putin/);
    expect(a.text).toContain('Vladimir Putin welcomed Kim Jong Un to the Vostochny Cosmodrome');
    expect(a.text).toContain('\n\nReporters asked Putin whether Russia would help North Korea');
    expect(a.text).not.toMatch(/Opinion|mira_k|Join the discussion|Contact us|Kim from Pyongyang|Highlight terms/);
    expect(a.site).toBe('fareastdesk.example');
  });

  it('finds no article on a page without one', () => {
    expect(articleFromHtml('<html><body><nav><a href="/">Home</a></nav></body></html>', 'https://x.example/', new DOMParser())).toBeNull();
  });

  it('reads blocks once each, innermost first', () => {
    const doc = new DOMParser().parseFromString('<div><ul><li><p>One</p></li><li>Two  words</li></ul><p>Three</p></div>', 'text/html');
    expect(blockText(doc.body)).toBe('One\n\nTwo words\n\nThree');
  });

  it('never runs what the page holds', () => {
    (globalThis as { pwned?: boolean }).pwned = false;
    const html = `<html><body><article><h1>T</h1>${'<p>Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on Wednesday, a long meeting.</p>'.repeat(6)}<img src=x onerror="globalThis.pwned=true"><script>globalThis.pwned=true</script></article></body></html>`;
    const a = articleFromHtml(html, 'https://x.example/', new DOMParser())!;
    expect(a.text).toContain('Kim Jong Un met Vladimir Putin');
    expect((globalThis as { pwned?: boolean }).pwned).toBe(false);
  });
});
