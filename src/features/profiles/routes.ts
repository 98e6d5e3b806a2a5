/** `GET /api/v1/users/{username}`: a public profile as JSON. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppServices } from '../../app-services.js';
import { ErrorRef } from '../../validation/common-schemas.js';
import { ProfileService } from './profile-service.js';
import { PublicProfile, UsernameParams } from './schema.js';

export async function profileRoutes(instance: FastifyInstance, { services }: { services: AppServices }): Promise<void> {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const profiles = new ProfileService(services);

  app.get(
    '/users/:username',
    {
      config: { access: 'public' },
      schema: {
        tags: ['profiles'],
        summary: 'A public profile: progress per roadmap, last year of activity and streaks (404 when private)',
        params: UsernameParams,
        response: { 200: PublicProfile, 400: ErrorRef, 404: ErrorRef },
      },
    },
    async (request) => profiles.publicProfile(request.params.username),
  );
}
