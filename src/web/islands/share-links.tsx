/**
 * The links of the roadmap's share panel that need JavaScript: copy buttons, and for a signed-in
 * learner the link to their public progress and the PDF with their progress. Without JavaScript
 * the roadmap link is still there to select and copy.
 */
import { currentUser } from '../state/account.js';
import { CopyLink as LinkRow } from './copy-link.js';
import { island, useHydrated } from './island.js';

export interface ShareLinksProps {
  roadmapId: string;
  /** The roadmap's absolute URL. */
  url: string;
  /** Path of the PDF that a signed-in learner's progress is added to. */
  progressPdf: string;
}

function ShareLinks({ roadmapId, url, progressPdf }: ShareLinksProps) {
  const ready = useHydrated();
  const user = ready ? currentUser.value : undefined;
  const progressUrl = user?.username ? `${new URL(url).origin}/u/${user.username}?roadmap=${roadmapId}` : null;
  return (
    <>
      <LinkRow label="The roadmap" value={url} name="roadmap" ready={ready} />
      {user && progressUrl && user.publicProfile ? <LinkRow label="Your progress on it" value={progressUrl} name="progress" ready={ready} /> : null}
      {user && !(progressUrl && user.publicProfile) ? (
        <p class="muted" data-share-progress-hint>
          To share your progress, choose a username and make your profile public on <a href="/account">your account page</a>.
        </p>
      ) : null}
      {user ? (
        <p>
          <a href={progressPdf} data-progress-pdf>
            PDF with my progress
          </a>
        </p>
      ) : null}
    </>
  );
}

export const ShareLinksIsland = island('share-links', ShareLinks);
