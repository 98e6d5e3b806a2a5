import type { ComponentChildren } from 'preact';
import { AccountMenuIsland } from '../web/islands/account-menu.js';
import { MenuToggleIsland } from '../web/islands/menu-toggle.js';
import { ReviewLinkIsland } from '../web/islands/review-link.js';
import { ThemeToggleIsland } from '../web/islands/theme-toggle.js';
import type { PageContext, PageScript } from './page-context.js';
import { Icons } from './icons.js';

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  description?: string;
  /** Path of the canonical URL, e.g. `/backend`. */
  path: string;
  jsonLd?: unknown[];
  children: ComponentChildren;
  bodyClass?: string;
  /**
   * The signed-in user's display name, on pages rendered per request only. Cached pages leave it
   * out and show "Log in" / "Sign up", which the client script swaps for the account link.
   */
  account?: string;
  /** Keeps search engines away from pages that are personal or hold one-time links. */
  noindex?: boolean;
  /** Which client entry the page loads (its islands); `page` has only the header's. */
  script?: PageScript;
  /** Path of the page's share image (1200 × 630 PNG), e.g. `/og/roadmaps/backend.png`. */
  image?: string;
}

/** Serialises JSON for a `<script type="application/ld+json">` block without letting it close the tag. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function Layout({ ctx, title, description, path, jsonLd = [], children, bodyClass, account, noindex, script = 'page', image }: LayoutProps) {
  const canonical = `${ctx.baseUrl}${path}`;
  const entry = ctx.assets.scripts[script];
  return (
    <html lang="en" data-theme={ctx.theme ?? undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {noindex || ctx.noindex ? <meta name="robots" content="noindex" /> : null}
        {description ? <meta name="description" content={description} /> : null}
        <link rel="canonical" href={canonical} />
        <meta property="og:title" content={title} />
        {description ? <meta property="og:description" content={description} /> : null}
        <meta property="og:url" content={canonical} />
        <meta property="og:type" content="website" />
        {image ? (
          <>
            <meta property="og:image" content={`${ctx.baseUrl}${image}`} />
            <meta property="og:image:width" content="1200" />
            <meta property="og:image:height" content="630" />
            <meta property="og:image:alt" content={title} />
          </>
        ) : null}
        <meta name="twitter:card" content={image ? 'summary_large_image' : 'summary'} />
        <meta name="color-scheme" content="light dark" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href={ctx.assets.css} />
        <script type="module" src={entry.src} />
        {entry.preload.map((href) => (
          <link rel="modulepreload" href={href} />
        ))}
        {jsonLd.map((data) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: safeJson(data) }} />
        ))}
      </head>
      <body class={bodyClass}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <Icons />
        <header class="site-header">
          <a class="brand" href="/">
            <svg class="brand-mark" aria-hidden="true" viewBox="0 0 24 24">
              <use href="#i-milepost" />
            </svg>
            Milepost
          </a>
          <MenuToggleIsland />
          <div class="site-menu" id="site-menu">
            <nav aria-label="Site">
              <a href="/">Roadmaps</a>
              <ReviewLinkIsland />
            </nav>
            <AccountMenuIsland name={account ?? null} />
            <ThemeToggleIsland />
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>
            Milepost is open-source software. Content on this site is original and free to read; progress stays in your browser unless you choose
            otherwise.
          </p>
        </footer>
      </body>
    </html>
  );
}
