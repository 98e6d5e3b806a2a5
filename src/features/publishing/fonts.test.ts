import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { loadContentOrThrow } from '../../content/roadmap-loader.js';
import { FONT_FILES } from './fonts.js';

/** Every character the official content uses, in prose and in code. */
function contentCharacters(): { prose: Set<string>; code: Set<string> } {
  const prose = new Set<string>();
  const code = new Set<string>();
  for (const roadmap of loadContentOrThrow('content').roadmaps.values()) {
    const texts = [
      roadmap.meta.title,
      roadmap.meta.description,
      roadmap.intro,
      roadmap.guide?.body ?? '',
      ...roadmap.faq.flatMap((f) => [f.question, f.answer]),
    ];
    for (const topic of roadmap.topics.values()) texts.push(topic.title, topic.body, ...topic.resources.map((r) => `${r.title} ${r.url}`));
    for (const text of texts) {
      for (const [, block] of text.matchAll(/```[^\n]*\n([\s\S]*?)```|`([^`\n]+)`/g)) for (const ch of block ?? '') code.add(ch);
      for (const ch of text) prose.add(ch);
    }
  }
  return { prose, code };
}

describe('bundled fonts', () => {
  it('ship inside the installed packages', () => {
    for (const file of Object.values(FONT_FILES)) expect(fs.statSync(file).size, path.basename(file)).toBeGreaterThan(50_000);
  });

  it('have a glyph for every character of the content, so no PDF shows an empty box', () => {
    const { prose, code } = contentCharacters();
    const missing = (file: string, chars: Set<string>) => {
      const font = fontkit.openSync(file) as fontkit.Font;
      return [...chars].filter((ch) => ch.trim() !== '' && !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
    };
    for (const face of ['regular', 'italic', 'semibold', 'bold'] as const) expect(missing(FONT_FILES[face], prose), face).toEqual([]);
    expect(missing(FONT_FILES.mono, code)).toEqual([]);
  });
});
