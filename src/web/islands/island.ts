/**
 * Islands: Preact components rendered on the server inside `<mp-island>`, with the props they
 * were rendered with as JSON beside them, then hydrated in the browser by the page's entry. The
 * same component renders both times; until it has hydrated it shows what the server sent.
 */
import { h, hydrate, type FunctionComponent } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

export interface IslandComponent<P> extends FunctionComponent<P> {
  islandName: string;
  component: FunctionComponent<P>;
}

/** Wraps `component` so the server renders it as a hydratable island named `name`. */
export function island<P extends object>(name: string, component: FunctionComponent<P>): IslandComponent<P> {
  const Wrapped = ((props: P) =>
    h('mp-island', { 'data-island': name, 'data-props': JSON.stringify(props) }, h(component, props))) as IslandComponent<P>;
  Wrapped.islandName = name;
  Wrapped.component = component;
  return Wrapped;
}

/** False on the server and during hydration, true once the island runs in the browser. */
export function useHydrated(): boolean {
  const [ready, setReady] = useState(false);
  // A layout effect runs as soon as hydration commits, so the island is usable before the first paint.
  useLayoutEffect(() => setReady(true), []);
  return ready;
}

const HYDRATED = 'data-hydrated';

/** Hydrates every island under `root` that this page's entry knows and that is not hydrated yet. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each island checks its own props
export function hydrateIslands(islands: IslandComponent<any>[], root: ParentNode = document): void {
  const byName = new Map(islands.map((i) => [i.islandName, i.component]));
  for (const el of root.querySelectorAll<HTMLElement>('mp-island[data-island]')) {
    if (el.hasAttribute(HYDRATED)) continue;
    const component = byName.get(el.dataset.island ?? '');
    if (!component) continue;
    let props: object;
    try {
      props = JSON.parse(el.dataset.props ?? '{}') as object;
    } catch {
      continue;
    }
    el.setAttribute(HYDRATED, '');
    hydrate(h(component, props), el);
  }
}
