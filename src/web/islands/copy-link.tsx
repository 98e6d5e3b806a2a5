/**
 * A read-only link with a Copy button once scripts run: the share panel's links and a team's new
 * invite link. Without JavaScript the link is still there to select and copy.
 */
import { showMessage } from '../state/ui.js';
import { island, useHydrated } from './island.js';

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    showMessage('Link copied to the clipboard.');
  } catch {
    showMessage(`Copy this link: ${text}`);
  }
}

export interface CopyLinkProps {
  label: string;
  value: string;
  /** Names the field (`share-<name>`) and the button (`data-copy`). */
  name: string;
}

export function CopyLink({ label, value, name, ready }: CopyLinkProps & { ready: boolean }) {
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

export const CopyLinkIsland = island('copy-link', (props: CopyLinkProps) => <CopyLink {...props} ready={useHydrated()} />);
