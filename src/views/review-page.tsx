import { MISSES_TO_REVISIT } from '../shared/review-cards.js';
import { ReviewSessionIsland } from '../web/islands/review-session.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** `/review`: today's due review cards across roadmaps, asked one at a time, and the topics to revisit. */
export function ReviewPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout
      ctx={ctx}
      title="Review · Milepost"
      description="Today's review questions across your roadmaps, scheduled by spaced repetition so that what you learned stays learned."
      path="/review"
      script="review"
    >
      <article class="review-page">
        <h1>Review</h1>
        <p class="lead">
          Questions you answered before come back just before you would forget them, and marking a topic done adds its questions. A wrong answer
          brings a question back tomorrow; a right one, days or weeks later. Topics whose questions you missed {MISSES_TO_REVISIT} times or more are
          listed to read again.
        </p>
        <noscript>
          <p>Review needs JavaScript: answers are checked on the server, and a guest's cards are kept in this browser.</p>
        </noscript>
        <ReviewSessionIsland />
      </article>
    </Layout>
  );
}
