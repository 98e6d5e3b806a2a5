import type { LightMyRequestResponse } from 'fastify';

/** Repeats `request` until `done` holds (news from another instance takes a moment), for at most two seconds. */
export async function eventually(request: () => Promise<LightMyRequestResponse>, done: (r: LightMyRequestResponse) => boolean) {
  const deadline = Date.now() + 2000;
  let response = await request();
  while (!done(response) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    response = await request();
  }
  return response;
}
