/**
 * Route guards. Every route declares who may use it in its config, `{ config: { access } }`:
 *
 * - `'public'`: anyone;
 * - `'user'`: a signed-in user (session or API token);
 * - `'session'`: a signed-in user in a browser session, not an API token (for changes a stolen
 *   token must not make: new tokens, email, password, deletion);
 * - `'admin'`: a signed-in administrator;
 * - `{ team: role }`: a member of the team named by the route's `:teamId` or `:teamSlug` with at least that role.
 *
 * The guard runs on every request, after the caller is known and before the body is read, so a
 * missing credential is a 401 whatever the body says. A route that declares nothing is refused to
 * everyone (and a test walks the route table, so that never reaches production). Services still
 * check ownership and membership on every read and write: the guard is the first line, not the only one.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.js';
import { wantsJson } from './error-handler.js';

export const TEAM_ROLES = ['member', 'mentor', 'owner'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export type Access = 'public' | 'user' | 'session' | 'admin' | { team: TeamRole };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every route registered so far with the access it declared (undefined when it declared none). */
    accessTable(): readonly AccessEntry[];
  }
  interface FastifyRequest {
    /** The caller's role in the team of a `{ team }` route, set by the guard. */
    teamRole: TeamRole | null;
  }
}

export interface AccessEntry {
  method: string;
  url: string;
  access: Access | undefined;
}

/** Finds the caller's role in the team a request names; null when not a member (the guard answers 404). */
export type TeamRoleResolver = (request: FastifyRequest) => Promise<TeamRole | null>;

export interface AccessOptions {
  /** Given by the teams feature; without it, no team route can be reached. */
  teamRoleOf?: TeamRoleResolver;
}

/** Route config for routes in a scope whose routes a plugin registers (static files, API docs). */
export function markRoutes(scope: FastifyInstance, access: Access): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: route.config?.access ?? access };
  });
}

const rank = (role: TeamRole) => TEAM_ROLES.indexOf(role);

/** Where a signed-out visitor of a page is sent: the login page, then back. */
function loginRedirect(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let next = request.url;
  if (request.method !== 'GET') {
    // A form posted without a session: come back to the page the form was on when it is ours,
    // else to the top of the area the form belongs to (`/account/profile` → `/account`).
    const referer = request.headers.referer;
    next = `/${request.url.split('/')[1]?.split('?')[0] ?? ''}`;
    if (typeof referer === 'string') {
      try {
        const url = new URL(referer);
        if (url.host === request.headers.host) next = `${url.pathname}${url.search}`;
      } catch {
        // An unreadable Referer: go home after signing in.
      }
    }
  }
  // Slashes may stay as they are in a query value; everything else that could end it is escaped.
  return reply.header('cache-control', 'no-store').redirect(`/login?next=${encodeURIComponent(next).replace(/%2F/g, '/')}`, 303);
}

async function plugin(app: FastifyInstance, options: AccessOptions): Promise<void> {
  // Read when asked, not when the route is added: hooks of inner scopes (markRoutes) set the config later.
  const routes: RouteOptions[] = [];
  app.decorate('accessTable', () =>
    routes.flatMap((route) =>
      (Array.isArray(route.method) ? route.method : [route.method]).map((method) => ({ method, url: route.url, access: route.config?.access })),
    ),
  );
  app.decorateRequest('teamRole', null);
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });

  app.addHook('onRequest', async (request, reply) => {
    // Requests no route matched go to the not-found handler, which reveals nothing.
    if (request.routeOptions.url === undefined) return;
    const access = request.routeOptions.config.access;
    if (access === 'public') return;
    if (access === undefined) {
      request.log.error({ route: request.routeOptions.url }, 'route declares no access; refused');
      throw new AppError('forbidden');
    }
    const auth = request.auth;
    if (!auth) {
      if (!wantsJson(request.url)) return loginRedirect(request, reply);
      throw new AppError('unauthenticated');
    }
    if (access === 'user') return;
    if (access === 'session') {
      if (auth.via !== 'session') throw new AppError('session_required');
      return;
    }
    if (access === 'admin') {
      if (!auth.user.isAdmin) throw new AppError('forbidden', 'This needs an administrator.');
      return;
    }
    const role = options.teamRoleOf ? await options.teamRoleOf(request) : null;
    // Non-members learn nothing, not even that the team exists.
    if (role === null) throw new AppError('not_found');
    if (rank(role) < rank(access.team)) throw new AppError('forbidden', `This needs the ${access.team} role in this team.`);
    request.teamRole = role;
  });
}

export const accessPlugin = fp(plugin, { name: 'access', dependencies: ['auth-context'] });
