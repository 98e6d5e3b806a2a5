/**
 * A title with an optional id, as the structure tools ask for them: adding a topic or section,
 * or renaming one. Left empty, the id is made from the title (or, for a rename, kept).
 */
import { useState } from 'preact/hooks';
import { ID_MAX_LENGTH, ID_PATTERN } from '../../shared/ids.js';
import { TITLE_MAX_LENGTH } from '../../content/structure-edits.js';

export function TitleForm({
  idPrefix,
  legend,
  submitLabel,
  initialTitle = '',
  initialId = '',
  idHint,
  onSubmit,
  onCancel,
}: {
  /** Makes the fields' ids unique on the page. */
  idPrefix: string;
  legend: string;
  submitLabel: string;
  initialTitle?: string;
  initialId?: string;
  idHint: string;
  /** Returns true when the edit was made, so the form empties (or closes). */
  onSubmit: (title: string, id: string) => boolean;
  onCancel?: () => void;
}) {
  const [title, setTitle] = useState(initialTitle);
  const [id, setId] = useState(initialId);
  return (
    <form
      class="structure-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (onSubmit(title, id.trim()) && !onCancel) {
          setTitle(initialTitle);
          setId(initialId);
        }
      }}
    >
      <fieldset>
        <legend>{legend}</legend>
        <label for={`${idPrefix}-title`}>Title</label>
        <input
          id={`${idPrefix}-title`}
          type="text"
          required
          maxLength={TITLE_MAX_LENGTH}
          value={title}
          onInput={(event) => setTitle(event.currentTarget.value)}
        />
        <label for={`${idPrefix}-id`}>
          Id <span class="muted">(optional)</span>
        </label>
        <input
          id={`${idPrefix}-id`}
          type="text"
          pattern={ID_PATTERN}
          maxLength={ID_MAX_LENGTH}
          spellcheck={false}
          autoComplete="off"
          value={id}
          aria-describedby={`${idPrefix}-id-hint`}
          onInput={(event) => setId(event.currentTarget.value)}
        />
        <p id={`${idPrefix}-id-hint`} class="hint">
          {idHint}
        </p>
        <p class="structure-form-actions">
          <button type="submit" class="button button--primary">
            {submitLabel}
          </button>
          {onCancel ? (
            <button type="button" class="button" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
        </p>
      </fieldset>
    </form>
  );
}
