/** Progress badges (`Backend · 37 % done`): a small SVG in the light or dark theme. */
import { textWidthEm } from '../../content/text-wrap.js';
import { escapeXml } from '../../views/format.js';

export const BADGE_THEMES = ['light', 'dark'] as const;
export type BadgeTheme = (typeof BADGE_THEMES)[number];

const COLOURS: Record<BadgeTheme, { label: string; labelText: string; value: string; valueText: string }> = {
  light: { label: '#1f2937', labelText: '#ffffff', value: '#15803d', valueText: '#ffffff' },
  dark: { label: '#e8eaed', labelText: '#111418', value: '#4ade80', valueText: '#111418' },
};

export function badgeSvg(label: string, value: string, theme: BadgeTheme): string {
  const size = 11;
  const pad = 8;
  const labelWidth = Math.ceil(textWidthEm(label) * size + pad * 2);
  const valueWidth = Math.ceil(textWidthEm(value) * size + pad * 2);
  const width = labelWidth + valueWidth;
  const c = COLOURS[theme];
  const title = `${label}: ${value}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" viewBox="0 0 ${width} 20" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title><clipPath id="r"><rect width="${width}" height="20" rx="4"/></clipPath><g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="${c.label}"/><rect x="${labelWidth}" width="${valueWidth}" height="20" fill="${c.value}"/></g><g font-family="Inter,system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif" font-size="${size}" text-anchor="middle"><text x="${labelWidth / 2}" y="14" fill="${c.labelText}">${escapeXml(label)}</text><text x="${labelWidth + valueWidth / 2}" y="14" fill="${c.valueText}" font-weight="600">${escapeXml(value)}</text></g></svg>`;
}
