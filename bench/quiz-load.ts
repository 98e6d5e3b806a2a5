/**
 * Checking quiz answers: a guest answering questions across the Backend bank, each graded on the
 * server (target p99 ≤ 25 ms).
 */
import { loadContentOrThrow } from '../src/content/roadmap-loader.js';
import { load, type Result, type VaryingRequests } from './load.js';

/** Answers (always option "a") cycling through `questionIds`, with `headers` on each (a bearer token, say). */
export function answers(questionIds: string[], headers: Record<string, string> = {}): VaryingRequests {
  let counter = 0;
  const lua = `
local ids = { ${questionIds.map((id) => `"${id}"`).join(', ')} }
local counter = 0
wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
${Object.entries(headers)
  .map(([k, v]) => `wrk.headers["${k}"] = "${v}"`)
  .join('\n')}
request = function()
  counter = counter + 1
  local id = ids[(counter % #ids) + 1]
  return wrk.format(nil, "/api/v1/roadmaps/backend/questions/" .. id .. "/answer", nil, '{"optionIds":["a"]}')
end
`;
  return {
    wrkScript: lua,
    next: () => {
      counter += 1;
      const id = questionIds[counter % questionIds.length] ?? '';
      return { method: 'POST', path: `/api/v1/roadmaps/backend/questions/${id}/answer`, body: JSON.stringify({ optionIds: ['a'] }) };
    },
  };
}

export async function loadQuizAnswers(base: string): Promise<Result> {
  const roadmap = loadContentOrThrow('content').roadmaps.get('backend');
  if (!roadmap) throw new Error('the backend roadmap is missing');
  const ids = [...roadmap.questions.keys()];
  return load(
    'POST /api/v1/roadmaps/backend/questions/{id}/answer (guest)',
    `${base}/api/v1/roadmaps/backend/questions/${ids[0]}/answer`,
    { 'content-type': 'application/json' },
    answers(ids),
  );
}
