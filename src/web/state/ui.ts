/** Page state that several islands share: the topic open in the drawer, the search, and a status message. */
import { signal } from '@preact/signals';

/** The topic shown in the drawer, or null when it is closed. */
export const openTopic = signal<string | null>(null);

/** What the visitor typed into the topic search. */
export const searchQuery = signal('');

/** A short message about the last action (saved, exported, failed), read out politely. */
export const actionMessage = signal('');

export function showMessage(text: string): void {
  actionMessage.value = text;
}
