/** Request and response schemas of the review API: cards with their FSRS state, due queues, merges. */
import { Type, type Static } from 'typebox';
import { IdSchema as Id } from '../../validation/common-schemas.js';
import { DUE_LIST_LIMIT } from './review-service.js';
import { SELF_RATINGS } from './scheduler.js';

const strict = { additionalProperties: false } as const;
const DateTime = Type.String({ format: 'date-time', maxLength: 40, description: 'ISO 8601 date-time' });
const Count = Type.Integer({ minimum: 0, maximum: 1_000_000 });

export const ReviewCardSchema = Type.Object(
  {
    roadmapId: Id,
    questionId: Id,
    topicId: Id,
    due: DateTime,
    stability: Type.Number({ minimum: 0, maximum: 1_000_000 }),
    difficulty: Type.Number({ minimum: 0, maximum: 10 }),
    scheduledDays: Count,
    learningSteps: Count,
    reps: Count,
    lapses: Count,
    state: Type.Integer({ minimum: 0, maximum: 3, description: '0 new, 1 learning, 2 review, 3 relearning' }),
    lastReview: Type.Union([DateTime, Type.Null()], { description: 'null for a card never reviewed' }),
    misses: Count,
  },
  { ...strict, description: 'a review card and its FSRS memory state' },
);

export const SelfRatingSchema = Type.Union(
  SELF_RATINGS.map((r) => Type.Literal(r)),
  { description: 'how the learner found a question they answered right' },
);

export const DueCard = Type.Object(
  {
    roadmapId: Type.String(),
    questionId: Type.String(),
    topicId: Type.String(),
    due: Type.String(),
    new: Type.Boolean({ description: 'never reviewed yet' }),
  },
  strict,
);

export const RevisitTopicSchema = Type.Object(
  { roadmapId: Type.String(), topicId: Type.String(), title: Type.String(), url: Type.String(), misses: Type.Integer() },
  strict,
);

export const DueQueue = Type.Object(
  {
    count: Type.Integer({ description: 'cards due before the end of your day, in your time zone' }),
    until: Type.String({ description: 'the end of your day: cards due before this instant are listed' }),
    cards: Type.Array(DueCard, { description: `the first ${DUE_LIST_LIMIT} due cards, soonest first` }),
    revisit: Type.Array(RevisitTopicSchema, { description: 'topics whose questions you missed repeatedly' }),
  },
  strict,
);

export const MAX_MERGE_CARDS = 5000;

export const MergeCardsBody = Type.Object({ cards: Type.Array(ReviewCardSchema, { maxItems: MAX_MERGE_CARDS }) }, strict);
export type MergeCardsBody = Static<typeof MergeCardsBody>;

export const MergeCardsResult = Type.Object(
  {
    merged: Type.Integer({ description: 'cards taken from the request: new to the account, or reviewed later than its copy' }),
    kept: Type.Integer({ description: 'cards whose account copy was reviewed later, and so kept' }),
    dropped: Type.Array(Type.String(), { description: 'roadmapId/questionId of cards for questions that no longer exist' }),
  },
  strict,
);

export const RatingParams = Type.Object({ roadmapId: Id, questionId: Id }, strict);
export const RatingBody = Type.Object({ rating: SelfRatingSchema }, strict);
export const RatingResult = Type.Object({ card: ReviewCardSchema }, strict);
