/** The narrow one-column frame of the sign-in, sign-up and email-link pages. */
import type { ComponentChildren } from 'preact';
import { Layout } from '../../../views/layout.js';
import type { PageContext } from '../../../views/page-context.js';

export interface AuthPageProps {
  ctx: PageContext;
  title: string;
  path: string;
  /** The signed-in user's display name, for the header. */
  account?: string | undefined;
  children: ComponentChildren;
}

/** A page of the sign-in flow: marked noindex, never cached. */
export function AuthPage({ ctx, title, path, account, children }: AuthPageProps) {
  return (
    <Layout ctx={ctx} title={`${title} · Milepost`} path={path} account={account} noindex>
      <section class="auth-page">
        <h1>{title}</h1>
        {children}
      </section>
    </Layout>
  );
}

/** `?next=` carried through a form, only when it was accepted. */
export function NextInput({ next }: { next: string | null | undefined }) {
  return next ? <input type="hidden" name="next" value={next} /> : null;
}

/** Adds `?next=` to a link between the sign-in pages so the destination survives. */
export function withNext(path: string, next: string | null | undefined): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}
