/**
 * The one keyboard registry: islands and entries register single-key shortcuts here instead of
 * listening to the document themselves. Keys typed into fields, or with Ctrl, Cmd or Alt, are
 * never taken.
 */
import { isTyping } from './dom.js';

type Handler = (event: KeyboardEvent) => boolean;

const handlers = new Map<string, Handler[]>();
let listening = false;

/**
 * Calls `handler` for `key` (case-insensitive); it returns true when it used the key. The last
 * one registered is asked first. Returns a function that removes it again.
 */
export function registerShortcut(key: string, handler: Handler): () => void {
  const name = key.toLowerCase();
  handlers.set(name, [handler, ...(handlers.get(name) ?? [])]);
  if (!listening) {
    listening = true;
    document.addEventListener('keydown', (event) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      for (const each of handlers.get(event.key.toLowerCase()) ?? []) {
        if (each(event)) {
          event.preventDefault();
          return;
        }
      }
    });
  }
  return () =>
    handlers.set(
      name,
      (handlers.get(name) ?? []).filter((h) => h !== handler),
    );
}
