/** Request and response schemas of the quiz API. Correct answers appear only in answers to an answer. */
import { Type, type Static } from 'typebox';
import { LEVELS } from '../../content/content-schema.js';
import { IdSchema as Id } from '../../validation/common-schemas.js';
import { ReviewCardSchema, SelfRatingSchema } from '../reviews/schema.js';

const strict = { additionalProperties: false } as const;
const OptionId = Type.String({ pattern: '^[a-z]$', description: 'an option id, a to f' });

export const TopicQuestionsParams = Type.Object({ roadmapId: Id, topicId: Id }, strict);
export const AnswerParams = Type.Object({ roadmapId: Id, questionId: Id }, strict);

export const PublicQuestion = Type.Object(
  {
    id: Type.String(),
    level: Type.Enum(LEVELS),
    prompt: Type.String({ description: 'Markdown' }),
    promptHtml: Type.String({ description: 'the prompt rendered as sanitised HTML' }),
    options: Type.Array(Type.Object({ id: Type.String(), text: Type.String({ description: 'Markdown' }), textHtml: Type.String() }, strict)),
    multiple: Type.Boolean({ description: 'true when more than one option is correct: choose every one' }),
  },
  strict,
);
export type PublicQuestion = Static<typeof PublicQuestion>;

export const TopicQuestions = Type.Object({ topicId: Type.String(), questions: Type.Array(PublicQuestion) }, strict);
export type TopicQuestions = Static<typeof TopicQuestions>;

export const AnswerBody = Type.Object(
  {
    optionIds: Type.Array(OptionId, { minItems: 1, maxItems: 6, uniqueItems: true }),
    rating: Type.Optional(SelfRatingSchema),
    /** A guest's card for this question, kept in the browser; ignored when signed in. */
    card: Type.Optional(ReviewCardSchema),
  },
  strict,
);

export const AnswerResult = Type.Object(
  {
    correct: Type.Boolean(),
    correctOptionIds: Type.Array(Type.String()),
    explanation: Type.String({ description: 'Markdown' }),
    explanationHtml: Type.String(),
    topicId: Type.String(),
    card: Type.Optional(ReviewCardSchema),
    recorded: Type.Optional(Type.Boolean({ description: "true when the review went to the account's cards; a guest keeps `card` itself" })),
  },
  strict,
);
export type AnswerResult = Static<typeof AnswerResult>;

export const SkillTestRoadmapParams = Type.Object({ roadmapId: Id }, strict);
export const SkillTestParams = Type.Object(
  { testId: Type.String({ pattern: '^[A-Za-z0-9_-]{24}$', description: 'the id the test was started with' }) },
  strict,
);

export const SkillTestStarted = Type.Object(
  {
    testId: Type.String(),
    roadmapId: Type.String(),
    expiresAt: Type.String({ description: 'answers are refused after this time' }),
    timerMinutes: Type.Integer({ description: 'the optional timer the page offers' }),
    questions: Type.Array(PublicQuestion),
  },
  strict,
);

export const SkillTestSubmission = Type.Object(
  {
    cards: Type.Optional(
      Type.Array(ReviewCardSchema, { maxItems: 40, description: "a guest's cards for questions of this test; ignored when signed in" }),
    ),
    answers: Type.Record(Id, Type.Array(OptionId, { maxItems: 6, uniqueItems: true }), {
      maxProperties: 40,
      description: 'question id → the chosen option ids; a question left out counts as unanswered',
    }),
  },
  strict,
);

const SectionScore = Type.Object({ id: Type.String(), title: Type.String(), correct: Type.Integer(), total: Type.Integer() }, strict);

export const SkillTestResult = Type.Object(
  {
    testId: Type.String(),
    roadmapId: Type.String(),
    submittedAt: Type.String(),
    score: Type.Object({ correct: Type.Integer(), total: Type.Integer(), percent: Type.Integer({ description: 'rounded down' }) }, strict),
    sections: Type.Array(SectionScore),
    strengths: Type.Array(Type.String(), { description: 'section ids answered at least 80 % right, on 2 questions or more' }),
    gaps: Type.Array(Type.String(), { description: 'section ids answered less than half right' }),
    revisit: Type.Array(Type.String(), { description: 'topic ids with a wrong answer, in learning order' }),
    questions: Type.Array(
      Type.Object(
        {
          id: Type.String(),
          topicId: Type.String(),
          correct: Type.Boolean(),
          chosen: Type.Array(Type.String()),
          correctOptionIds: Type.Array(Type.String()),
          explanationHtml: Type.String(),
        },
        strict,
      ),
    ),
    cards: Type.Optional(Type.Array(ReviewCardSchema, { description: "a guest's cards after this test, to keep in the browser" })),
  },
  strict,
);
export type SkillTestResult = Static<typeof SkillTestResult>;

export const SkillTestHistory = Type.Object({ results: Type.Array(SkillTestResult) }, strict);
export const SkillTestHistoryQuery = Type.Object({ roadmapId: Id }, strict);

export const ShareBody = Type.Object({ shared: Type.Boolean({ description: 'true to show the result on your public profile' }) }, strict);
export const ShareResult = Type.Object({ testId: Type.String(), shared: Type.Boolean() }, strict);
