/** Schemas of the public profile API. */
import { Type, type Static } from 'typebox';
import { USERNAME_PATTERN } from '../account/schema.js';
import { ActivityDay } from '../progress/schema.js';

export const UsernameParams = Type.Object(
  { username: Type.String({ pattern: USERNAME_PATTERN, description: 'lower-case letters, digits or hyphens' }) },
  { additionalProperties: false },
);

export const RoadmapProgress = Type.Object({
  roadmapId: Type.String(),
  title: Type.String(),
  done: Type.Integer(),
  learning: Type.Integer(),
  skipped: Type.Integer(),
  total: Type.Integer(),
});

export const PublicProfile = Type.Object({
  username: Type.String(),
  name: Type.String(),
  roadmaps: Type.Array(RoadmapProgress, { description: 'roadmaps with at least one marked topic' }),
  activity: Type.Object({
    from: Type.String({ description: 'first day shown (YYYY-MM-DD), in the user’s time zone' }),
    to: Type.String({ description: 'today in the user’s time zone' }),
    days: Type.Array(ActivityDay, { description: 'days of the last year with at least one status change' }),
    currentStreak: Type.Integer(),
    longestStreak: Type.Integer(),
  }),
  skillTests: Type.Array(
    Type.Object({
      roadmapId: Type.String(),
      title: Type.String(),
      submittedAt: Type.String(),
      score: Type.Object({ correct: Type.Integer(), total: Type.Integer(), percent: Type.Integer() }),
    }),
    { description: 'the latest skill-test result per roadmap that the learner chose to share' },
  ),
});
export type PublicProfile = Static<typeof PublicProfile>;
