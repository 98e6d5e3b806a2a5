import { describe, expect, it } from 'vitest';
import { countProseWords, isSafeLink, renderMarkdown } from './markdown.js';

describe('renderMarkdown', () => {
  it('escapes script tags and raw HTML instead of passing them through', () => {
    const html = renderMarkdown('Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<div onclick="x()">hi</div>');
    expect(html).not.toMatch(/<script|<img|<div/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('drops javascript:, data: and vbscript: links but keeps their text', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:msgbox', '//evil.example/x']) {
      const html = renderMarkdown(`[click](${href})`);
      expect(html, href).not.toContain('<a');
      expect(html).toContain('click');
    }
    expect(renderMarkdown('![x](javascript:alert(1))')).not.toContain('<img');
  });

  it('keeps http, https, mailto and site links, marking external ones noopener', () => {
    expect(renderMarkdown('[a](https://example.org)')).toContain('<a href="https://example.org" rel="noopener noreferrer">a</a>');
    expect(renderMarkdown('[a](http://example.org)')).toContain('href="http://example.org"');
    expect(renderMarkdown('[mail](mailto:team@example.org)')).toContain('href="mailto:team@example.org"');
    expect(renderMarkdown('[topic](/backend/http)')).toContain('<a href="/backend/http">topic</a>');
  });

  it('does not turn bare URLs or inline code into links', () => {
    expect(renderMarkdown('see https://example.org and `<b>`')).not.toContain('<a');
    expect(renderMarkdown('`<b>`')).toContain('<code>&lt;b&gt;</code>');
  });
});

describe('isSafeLink', () => {
  it('accepts only http, https, mailto, site paths and anchors', () => {
    expect(['https://a.b', 'http://a.b', 'mailto:x@y.z', '/x', '#y'].every(isSafeLink)).toBe(true);
    expect(['javascript:x', 'data:x', 'file:///etc/passwd', '//a.b', 'ftp://a.b', '/\\a.b'].some(isSafeLink)).toBe(false);
  });
});

describe('countProseWords', () => {
  it('counts prose and ignores code blocks and punctuation', () => {
    expect(countProseWords('One two three.\n\n```js\nconst a = 1;\nconst b = 2;\n```\n\n- four\n- five —')).toBe(5);
  });
});

describe('heading levels', () => {
  it('shifts headings so the highest becomes the requested level', () => {
    const html = renderMarkdown('### Key ideas\n\ntext\n\n#### Detail\n', { topHeading: 2 });
    expect(html).toContain('<h2>Key ideas</h2>');
    expect(html).toContain('<h3>Detail</h3>');
  });
});
