/**
 * The links of the roadmap's share panel that need JavaScript: copy buttons, and for a signed-in
 * learner the link to their public progress and the PDF with their progress. Without JavaScript
 * the roadmap link is still there to select and copy.
 */
import { currentUser } from '../state/account.js';
import { showMessage } from '../state/ui.js';
import { island, useHydrated } from './island.js';

export interface ShareLinksProps {
  roadmapId: string;
  /** The roadmap's absolute URL. */
  url: string;
  /** Path of the PDF that a signed-in learner's progress is added to. */
  progressPdf: string;
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    showMessage('Link copied to the clipboard.');
  } catch {
    showMessage(`Copy this link: ${text}`);
  }
}

function LinkRow({ label, value, name, ready }: { label: string; value: string; name: string; ready: boolean }) {
  return (
    <div class="share-link">
      <label for={`share-${name}`}>{label}</label>
      <div class="share-link-row">
        <input id={`share-${name}`} type="url" readOnly value={value} data-share-link={name} onFocus={(e) => e.currentTarget.select()} />
        {ready ? (
          <button type="button" class="button" data-copy={name} onClick={() => void copy(value)}>
            Copy
          </button>
        ) : null}
      </div>
    </div>
  );
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
