/**
 * The header's "Review" link, with the number of cards due today once it is known: counted in the
 * browser for a guest, as the server says for an account. Without JavaScript it is a plain link.
 */
import { currentUser } from '../state/account.js';
import { accountDueCount, guestDue } from '../state/review-cards.js';
import { island, useHydrated } from './island.js';

function ReviewLink() {
  const ready = useHydrated();
  const user = ready ? currentUser.value : undefined;
  const count = !ready ? undefined : user ? accountDueCount.value : user === null ? guestDue().length : undefined;
  const label = count === undefined ? undefined : count === 1 ? 'Review, 1 card due today' : `Review, ${count} cards due today`;
  return (
    <a href="/review" aria-label={label} data-review-link>
      Review
      {count ? (
        <span class="count-badge" aria-hidden="true" data-review-count>
          {count}
        </span>
      ) : null}
    </a>
  );
}

export const ReviewLinkIsland = island('review-link', ReviewLink);
