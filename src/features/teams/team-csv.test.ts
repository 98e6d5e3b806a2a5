import { describe, expect, it } from 'vitest';
import { activityCsv, progressCsv, safeCell, type ActivityRow, type ProgressMatrix } from './team-csv.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// csv-parse is not installed, so the tests pin the exact text a spreadsheet receives.
function withBom(lines: string[]): Buffer {
  return Buffer.concat([BOM, Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'utf8')]);
}

const matrix: ProgressMatrix = {
  roadmaps: [
    {
      id: 'frontend',
      title: 'Frontend',
      sections: [
        { id: 'html', title: 'HTML', total: 4, optional: false },
        { id: 'css', title: 'CSS, layout', total: 4, optional: true },
      ],
    },
    {
      id: 'backend',
      title: '-Backend, "core"',
      sections: [
        { id: 'apis', title: 'APIs', total: 2, optional: false },
        { id: 'ops', title: 'Ops', total: 1, optional: true },
      ],
    },
  ],
  members: [
    {
      userId: 'u1',
      name: 'Ann "The Hammer", Smith',
      lastActiveAt: '2026-03-01T09:30:00+02:00',
      roadmaps: {
        frontend: { done: 3, learning: 1, skipped: 0, total: 8, sections: { html: { done: 3, total: 4 }, css: { done: 0, total: 4 } } },
        backend: { done: 1, learning: 0, skipped: 1, total: 3, sections: { apis: { done: 1, total: 2 }, ops: { done: 0, total: 1 } } },
      },
    },
    {
      userId: 'u2',
      name: '=HYPERLINK("http://evil.example","click")',
      lastActiveAt: null,
      roadmaps: {
        frontend: { done: 8, learning: 0, skipped: 0, total: 8, sections: { html: { done: 4, total: 4 }, css: { done: 4, total: 4 } } },
      },
    },
    {
      userId: 'u3',
      name: 'Zoë 🚀 Müller',
      lastActiveAt: '2026-02-10T18:00:00.000Z',
      roadmaps: {
        frontend: { done: 1, learning: 2, skipped: 0, total: 8, sections: { html: { done: 1, total: 4 }, css: { done: 0, total: 4 } } },
        backend: { done: 2, learning: 1, skipped: 0, total: 3, sections: { apis: { done: 2, total: 2 }, ops: { done: 0, total: 1 } } },
      },
    },
  ],
};

const progressHeader =
  'Name,Last active,Frontend: done,Frontend: learning,Frontend: skipped,Frontend: total,Frontend: percent,' +
  'Frontend: HTML: done,Frontend: HTML: total,"Frontend: CSS, layout (optional): done","Frontend: CSS, layout (optional): total",' +
  `"'-Backend, ""core"": done","'-Backend, ""core"": learning","'-Backend, ""core"": skipped","'-Backend, ""core"": total",` +
  `"'-Backend, ""core"": percent","'-Backend, ""core"": APIs: done","'-Backend, ""core"": APIs: total",` +
  `"'-Backend, ""core"": Ops (optional): done","'-Backend, ""core"": Ops (optional): total"`;

describe('progressCsv', () => {
  it('writes a BOM, a header and one CRLF-terminated row per member, byte for byte', () => {
    expect(progressCsv(matrix)).toEqual(
      withBom([
        progressHeader,
        '"Ann ""The Hammer"", Smith",2026-03-01T07:30:00.000Z,3,1,0,8,37,3,4,0,4,1,0,1,3,66,1,2,0,1',
        `"'=HYPERLINK(""http://evil.example"",""click"")",,8,0,0,8,100,4,4,4,4,0,0,0,3,0,0,2,0,1`,
        'Zoë 🚀 Müller,2026-02-10T18:00:00.000Z,1,2,0,8,12,1,4,0,4,2,1,0,3,66,2,2,0,1',
      ]),
    );
  });

  it('starts with exactly one UTF-8 BOM and keeps accents and emoji as UTF-8', () => {
    const csv = progressCsv(matrix);
    expect([...csv.subarray(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0x4e]);
    expect(csv.includes(Buffer.from([0x5a, 0x6f, 0xc3, 0xab, 0x20, 0xf0, 0x9f, 0x9a, 0x80]))).toBe(true);
    expect(csv.toString('utf8').match(/\r\n/g)).toHaveLength(4);
    expect(csv.toString('utf8').replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('neutralises every formula prefix in names, quoting a carriage return', () => {
    const names = ['+Plus', '-Minus', '@Mention', '\tTab', '\rReturn'];
    const small: ProgressMatrix = {
      roadmaps: [{ id: 'r', title: 'R', sections: [] }],
      members: names.map((name, i) => ({ userId: `u${i}`, name, lastActiveAt: null, roadmaps: {} })),
    };
    expect(progressCsv(small)).toEqual(
      withBom([
        'Name,Last active,R: done,R: learning,R: skipped,R: total,R: percent',
        "'+Plus,,0,0,0,0,0",
        "'-Minus,,0,0,0,0,0",
        "'@Mention,,0,0,0,0,0",
        "'\tTab,,0,0,0,0,0",
        `"'\rReturn",,0,0,0,0,0`,
      ]),
    );
  });

  it('gives zeros against the section totals for a roadmap a member has not started, and 0% of nothing', () => {
    const small: ProgressMatrix = {
      roadmaps: [
        { id: 'a', title: 'A', sections: [{ id: 's', title: 'S', total: 5, optional: false }] },
        { id: 'b', title: 'B', sections: [] },
      ],
      members: [{ userId: 'u', name: 'Uma', lastActiveAt: null, roadmaps: { b: { done: 0, learning: 0, skipped: 0, total: 0, sections: {} } } }],
    };
    expect(progressCsv(small).toString('utf8')).toBe(
      '\uFEFFName,Last active,A: done,A: learning,A: skipped,A: total,A: percent,A: S: done,A: S: total,B: done,B: learning,B: skipped,B: total,B: percent\r\n' +
        'Uma,,0,0,0,5,0,0,5,0,0,0,0,0\r\n',
    );
  });
});

describe('activityCsv', () => {
  const rows: ActivityRow[] = [
    { at: '2026-03-02T08:15:00.000Z', name: '+Plus Person', roadmapTitle: 'Frontend', topicTitle: 'Flexbox\nand Grid', status: 'done' },
    { at: '2026-03-02 07:00:00+00:00', name: '-Minus', roadmapTitle: 'Backend', topicTitle: 'Caching, "the hard part"', status: 'learning' },
    { at: '2026-03-01T23:59:59Z', name: '@Mention', roadmapTitle: 'Frontend', topicTitle: '=1+1', status: 'skipped' },
    { at: '2026-03-01T12:00:00.000Z', name: '\tTab', roadmapTitle: 'Zoë’s roadmap 🚀', topicTitle: 'Line\r\nbreak', status: 'done' },
    { at: 'not a date', name: '\rReturn', roadmapTitle: 'Frontend', topicTitle: 'CR\ronly', status: '-1' },
  ];

  it('writes the feed with ISO times, neutralised text and quoted newlines, byte for byte', () => {
    expect(activityCsv(rows)).toEqual(
      Buffer.concat([
        BOM,
        Buffer.from(
          'Time,Member,Roadmap,Topic,Status\r\n' +
            `2026-03-02T08:15:00.000Z,'+Plus Person,Frontend,"Flexbox\nand Grid",done\r\n` +
            `2026-03-02T07:00:00.000Z,'-Minus,Backend,"Caching, ""the hard part""",learning\r\n` +
            `2026-03-01T23:59:59.000Z,'@Mention,Frontend,'=1+1,skipped\r\n` +
            `2026-03-01T12:00:00.000Z,'\tTab,Zoë’s roadmap 🚀,"Line\r\nbreak",done\r\n` +
            `not a date,"'\rReturn",Frontend,"CR\ronly",'-1\r\n`,
          'utf8',
        ),
      ]),
    );
  });

  it('writes only the BOM and the header for an empty feed', () => {
    expect(activityCsv([])).toEqual(withBom(['Time,Member,Roadmap,Topic,Status']));
  });
});

describe('safeCell', () => {
  it.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['a=b', 'a=b'],
    ['', ''],
  ])('turns %j into text %j', (value, expected) => {
    expect(safeCell(value)).toBe(expected);
  });

  it('leaves numbers as numbers, negative ones too, and writes null as an empty cell', () => {
    expect(safeCell(-3)).toBe(-3);
    expect(safeCell(0)).toBe(0);
    expect(safeCell(null)).toBe('');
  });
});
