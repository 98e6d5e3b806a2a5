/** The frame every section of /account shares. */
import type { ComponentChildren } from 'preact';

/** A titled section; the page's table of contents links to it by `id`. */
export function AccountSection({ id, title, danger, children }: { id: string; title: string; danger?: boolean; children: ComponentChildren }) {
  return (
    <section class={danger ? 'account-section account-section--danger' : 'account-section'} aria-labelledby={`${id}-heading`} id={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}
