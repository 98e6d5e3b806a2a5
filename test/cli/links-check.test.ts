import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command-context.js';
import { linksCheckCommand } from '../../src/cli/commands/links-check.js';
import { SAMPLE_FAQ, SAMPLE_TOPICS, removeDir, topicFile, writeSampleContent } from '../helpers/content-fixture.js';

const USER_AGENT = 'Milepost-LinkCheck/1.0 (+http://localhost:3000)';

function capture(): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), readLine: async () => null };
}

/** A local HTTPS site with a certificate made for the test: every kind of answer a link can get. */
describe('milepost links check', () => {
  let certDir: string;
  let cert: Buffer;
  let server: https.Server;
  let base: string;
  let contentDir: string;
  const seen: { method: string; path: string; agent: string }[] = [];

  beforeAll(async () => {
    certDir = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-cert-'));
    const key = path.join(certDir, 'key.pem');
    const crt = path.join(certDir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        crt,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      {
        stdio: 'ignore',
      },
    );
    cert = fs.readFileSync(crt);
    server = https.createServer({ key: fs.readFileSync(key), cert }, (req, res) => {
      const url = new URL(req.url ?? '/', 'https://127.0.0.1');
      seen.push({ method: req.method ?? '', path: url.pathname, agent: req.headers['user-agent'] ?? '' });
      switch (url.pathname) {
        case '/ok':
          return res.writeHead(200).end('fine');
        case '/moved':
          return res.writeHead(301, { location: '/ok?from=moved' }).end();
        case '/moved-to-gone':
          return res.writeHead(302, { location: `${base}/gone` }).end();
        case '/gone':
          return res.writeHead(404).end('not here');
        case '/no-head':
          return res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
        case '/slow':
          return void setTimeout(() => res.writeHead(200).end(), 2500);
        case '/hang':
          return; // never answers
        default:
          return res.writeHead(500).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

    contentDir = writeSampleContent();
    const topics = path.join(contentDir, 'roadmaps/sample/topics');
    // Every topic links only to the local site: three fine links each.
    for (const [id, spec] of Object.entries(SAMPLE_TOPICS)) {
      const resources = [1, 2, 3].map((n) => ({ type: 'article', title: `${id} ${n}`, url: `${base}/ok?t=${id}&n=${n}` }));
      fs.writeFileSync(path.join(topics, `${id}.md`), topicFile(id, { ...spec, resources }));
    }
    const alpha = [
      { type: 'official', title: 'Moved', url: `${base}/moved` },
      { type: 'article', title: 'Gone', url: `${base}/gone` },
      { type: 'article', title: 'No HEAD', url: `${base}/no-head` },
      { type: 'article', title: 'Slow', url: `${base}/slow` },
      { type: 'article', title: 'Hangs', url: `${base}/hang` },
      { type: 'article', title: 'Moved to nothing', url: `${base}/moved-to-gone` },
    ];
    fs.writeFileSync(path.join(topics, 'alpha.md'), topicFile('alpha', { ...SAMPLE_TOPICS.alpha, resources: alpha }));
    // The FAQ links to one of alpha's resources: checked once, reported with both files.
    fs.writeFileSync(path.join(contentDir, 'roadmaps/sample/faq.md'), SAMPLE_FAQ.replace('Yes it is.', `Yes, [it is](${base}/gone).`));
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    removeDir(certDir);
    removeDir(contentDir);
  });

  it('reports broken links, redirects with their target and slow answers, and exits 1', async () => {
    const io = capture();
    const code = await linksCheckCommand(contentDir, ['--roadmap', 'sample', '--timeout', '4000', '--slow', '2000', '--concurrency', '4'], io, {
      userAgent: USER_AGENT,
      ca: cert,
    });
    expect(code).toBe(1);
    const alpha = 'roadmaps/sample/topics/alpha.md';
    const problems = io.lines.filter((l) => /^(broken|redirect|slow) /.test(l)).sort();
    expect(problems).toEqual(
      [
        `broken    ${base}/gone (HTTP 404) in ${alpha}, roadmaps/sample/faq.md`,
        `broken    ${base}/hang (no answer within 4000 ms) in ${alpha}`,
        `broken    ${base}/moved-to-gone (HTTP 404 after redirects to ${base}/gone) in ${alpha}`,
        `redirect  ${base}/moved → ${base}/ok?from=moved (301, then 200) in ${alpha}`,
        `slow      ${base}/slow (${problems.find((l) => l.startsWith('slow'))!.match(/\((\d+) ms\)/)![1]} ms) in ${alpha}`,
      ].sort(),
    );
    const slowMs = Number(problems.find((l) => l.startsWith('slow'))!.match(/\((\d+) ms\)/)![1]);
    expect(slowMs).toBeGreaterThanOrEqual(2500);
    // 6 topics × 3 fine links + alpha's 6 = 24 distinct links; /gone is counted once.
    expect(io.lines.at(-1)).toBe('24 links: 20 fine, 1 redirected, 3 broken, 1 slow.');
    // A server that refuses HEAD is asked again with GET, and counts as fine.
    expect(seen.filter((r) => r.path === '/no-head').map((r) => r.method)).toEqual(['HEAD', 'GET']);
    expect(seen.filter((r) => r.path === '/gone' && r.method === 'HEAD')).toHaveLength(2); // once itself, once as a redirect target
    expect(new Set(seen.map((r) => r.agent))).toEqual(new Set([USER_AGENT]));
  });

  it('exits 0 when every link works, and names an unknown roadmap', async () => {
    const fine = writeSampleContent();
    try {
      const topics = path.join(fine, 'roadmaps/sample/topics');
      for (const [id, spec] of Object.entries(SAMPLE_TOPICS)) {
        const resources = [1, 2, 3].map((n) => ({ type: 'article', title: `${id} ${n}`, url: `${base}/ok?t=${id}&n=${n}` }));
        fs.writeFileSync(path.join(topics, `${id}.md`), topicFile(id, { ...spec, resources }));
      }
      const io = capture();
      expect(await linksCheckCommand(fine, ['--roadmap', 'sample', '--timeout', '2000'], io, { userAgent: USER_AGENT, ca: cert })).toBe(0);
      expect(io.lines.at(-1)).toBe('21 links: 21 fine, 0 redirected, 0 broken, 0 slow.');

      const unknown = capture();
      expect(await linksCheckCommand(fine, ['--roadmap', 'nope'], unknown, { userAgent: USER_AGENT })).toBe(1);
      expect(unknown.lines).toEqual([`No roadmap "nope" in ${fine}.`]);
      await expect(linksCheckCommand(fine, ['--timeout', 'soon'], capture(), { userAgent: USER_AGENT })).rejects.toThrow(
        '--timeout must be a whole number above 0, not "soon".',
      );
    } finally {
      removeDir(fine);
    }
  });
});
