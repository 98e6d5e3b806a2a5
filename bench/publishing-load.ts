/**
 * The files a roadmap gives to take along: how long the Backend PDF takes to make and how big it
 * is (targets ≤ 5 s and ≤ 3 MB), how long one OpenGraph card takes, and the cached PDF and a
 * progress badge under load, as ratios to node:http in the same run.
 */
import { load, type Result } from './load.js';
import { signUpWithToken } from './progress-load.js';

export interface PublishingTimes {
  pdfMs: number;
  pdfBytes: number;
  letterMs: number;
  /** First requests of OpenGraph cards of topics not made yet, each made on the spot. */
  ogMs: number[];
}

async function timed(url: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return { ms: Math.round(performance.now() - started), bytes: body.length };
}

/** Needs a server with an empty cache folder, so the first requests make the files. */
export async function measurePublishing(base: string): Promise<{ times: PublishingTimes; results: Result[] }> {
  const a4 = await timed(`${base}/pdfs/roadmaps/backend.pdf`);
  const letter = await timed(`${base}/pdfs/roadmaps/backend.pdf?paper=letter`);
  const ogMs: number[] = [];
  for (const topic of ['http', 'dns', 'acid', 'caching', 'docker']) ogMs.push((await timed(`${base}/og/roadmaps/backend/${topic}.png`)).ms);

  const bearer = await signUpWithToken(base);
  const username = `bench${Date.now() % 1_000_000}`;
  const patched = await fetch(`${base}/api/v1/me`, {
    method: 'PATCH',
    headers: { ...bearer, 'content-type': 'application/json' },
    body: JSON.stringify({ username, publicProfile: true }),
  });
  if (patched.status !== 200) throw new Error(`making the profile public answered ${patched.status}: ${await patched.text()}`);
  const results = [
    await load('GET /pdfs/roadmaps/backend.pdf (made, cached)', `${base}/pdfs/roadmaps/backend.pdf`),
    await load(`GET /badges/u/<name>/backend.svg (public profile)`, `${base}/badges/u/${username}/backend.svg`),
  ];
  return { times: { pdfMs: a4.ms, pdfBytes: a4.bytes, letterMs: letter.ms, ogMs }, results };
}
