import { describe, expect, it } from 'vitest';
import { fileOfIssue, frontMatterTitle, orderFiles, placeIssues, shortIssueFile } from './file-order.js';

const topic = (title: string) => `---\ntitle: ${title}\nlevel: beginner\n---\n\nBody.\n`;

describe('the editor file list', () => {
  it('puts the structure first, then the metadata, the topics by title, then the rest by name', () => {
    const files = {
      'faq.md': '',
      'topics/zeta.md': topic('Alpha'),
      'roadmap.md': '',
      'questions/zeta.yaml': '',
      'topics/alpha.md': topic("'Zulu'"),
      'roadmap.yaml': '',
      'topics/broken.md': 'no front matter',
    };
    expect(orderFiles(files).map((e) => e.name)).toEqual([
      'roadmap.yaml',
      'roadmap.md',
      'topics/zeta.md',
      'topics/broken.md',
      'topics/alpha.md',
      'faq.md',
      'questions/zeta.yaml',
    ]);
  });

  it('reads a title whether quoted or not, and ignores a trailing comment', () => {
    expect(frontMatterTitle(topic('"HTTP: the basics"'))).toBe('HTTP: the basics');
    expect(frontMatterTitle(topic("'It''s DNS'"))).toBe("It's DNS");
    expect(frontMatterTitle(topic('Caching # the hard part'))).toBe('Caching');
    expect(frontMatterTitle('title: outside front matter')).toBeNull();
  });
});

describe('problems tied to files', () => {
  const names = ['roadmap.md', 'roadmap.yaml', 'topics/roadmap.md', 'topics/http.md'];

  it('matches a name with or without the server’s prefix, the longest match winning', () => {
    expect(fileOfIssue('roadmap.yaml', names)).toBe('roadmap.yaml');
    expect(fileOfIssue('roadmaps/abc123/roadmap.md', names)).toBe('roadmap.md');
    expect(fileOfIssue('abc123/topics/roadmap.md', names)).toBe('topics/roadmap.md');
    expect(fileOfIssue('abc123/topics/dns.md', names)).toBeNull();
  });

  it('names a missing file by its path inside the roadmap', () => {
    const [placed] = placeIssues([{ file: 'abc123/topics/dns.md', line: 1, message: 'missing' }], names);
    expect(placed!.name).toBeNull();
    expect(shortIssueFile(placed!)).toBe('topics/dns.md');
  });
});
