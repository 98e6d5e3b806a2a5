import { NotesListIsland } from '../web/islands/notes-list.js';
import { Layout } from './layout.js';
import type { PageContext } from './page-context.js';

/** `/notes`: every private note of this browser or account, newest first, with a search. */
export function NotesPage({ ctx, account }: { ctx: PageContext; account?: string }) {
  return (
    <Layout
      ctx={ctx}
      title="My notes · Milepost"
      description="Your private notes on the topics of your roadmaps."
      path="/notes"
      script="notes"
      account={account}
      noindex
    >
      <article class="notes-page">
        <h1>My notes</h1>
        <p class="lead">
          The notes you wrote on topics, newest first. Only you can see them: a guest's stay in this browser, and signing in takes them into your
          account.
        </p>
        <noscript>
          <p>My notes needs JavaScript: a guest's notes are kept in this browser, and an account's are read from the server.</p>
        </noscript>
        <NotesListIsland />
      </article>
    </Layout>
  );
}
