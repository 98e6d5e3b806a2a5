/**
 * The colours of the diagram on paper and in images: the site's light theme (web/styles.css),
 * which prints well and reads on any background a share preview sits on.
 */
import type { Mark } from '../../content/content-schema.js';

export const PALETTE = {
  paper: '#ffffff',
  text: '#1b1f24',
  muted: '#555d69',
  border: '#c9ced6',
  accent: '#4338ca',
  link: '#3730a3',
  edge: '#8a93a3',
  spine: '#4338ca',
  sectionBg: '#1f2937',
  sectionText: '#ffffff',
  topicBg: '#fde68a',
  topicBorder: '#92400e',
  subBg: '#fef9e7',
  subBorder: '#a16207',
  codeBg: '#f5f6f8',
  done: '#15803d',
  learning: '#b45309',
  skipped: '#555d69',
} as const;

export const MARK_COLOURS: Record<Mark, string> = {
  recommended: '#6d28d9',
  alternative: '#15803d',
  'any-order': '#475569',
  'not-recommended': '#b91c1c',
};
