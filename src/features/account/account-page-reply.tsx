/** Renders /account for the signed-in user, with a notice, a refused form or a new token. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountPage, type AccountPageProps } from './views/account-page.js';
import type { PageContext } from '../../views/page-context.js';
import type { RoadmapCatalog } from '../../catalog/roadmap-catalog.js';
import type { AuthUser } from '../auth/auth-user.js';
import type { AccountService } from './account-service.js';
import { pageContextFor, sendPage } from '../../http/page-reply.js';

let zones: readonly string[] | undefined;

/** Every IANA zone the runtime knows, plus UTC (the default, which the list leaves out). */
export function timeZones(): readonly string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

export type AccountExtras = Pick<AccountPageProps, 'notice' | 'newToken' | 'state'>;

/** Sends the account page; the status tells a refused form (4xx) from a plain view. */
export async function sendAccountPage(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { accounts: AccountService; pageContext: Omit<PageContext, 'theme'>; catalog: RoadmapCatalog },
  user: AuthUser,
  extras: AccountExtras = {},
  status = 200,
): Promise<FastifyReply> {
  const tokens = await deps.accounts.listTokens(user.id);
  const badges = deps.catalog.officialEntries().map((entry) => ({ id: entry.id, title: entry.roadmap.meta.briefTitle }));
  const page = (
    <AccountPage ctx={pageContextFor(deps.pageContext, request)} user={user} tokens={tokens} timeZones={timeZones()} badges={badges} {...extras} />
  );
  return sendPage(reply, page, status);
}

/** Where a signed-out visitor of an account page or form is sent. */
export const LOGIN_FOR_ACCOUNT = '/login?next=/account';
