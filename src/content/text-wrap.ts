/**
 * Estimates text width without a font engine, so the server can size diagram boxes.
 * Widths are per-character averages for a sans-serif face, deliberately generous.
 */
const NARROW = new Set('iljtfrI.,:;!|\'()[] ');
const WIDE = new Set('mwMW@%&');

/** Approximate width in ems of a string in a proportional sans-serif font. */
export function textWidthEm(text: string): number {
  let width = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) width += 0.32;
    else if (WIDE.has(ch)) width += 0.9;
    else if (ch >= 'A' && ch <= 'Z') width += 0.68;
    else width += 0.56;
  }
  return width;
}

/**
 * Breaks text into lines no wider than `maxWidthPx` at `fontSizePx`. Words longer than a
 * line are split, so no line ever overflows.
 */
export function wrapText(text: string, maxWidthPx: number, fontSizePx: number): string[] {
  const maxEm = maxWidthPx / fontSizePx;
  const lines: string[] = [];
  let current = '';
  const pushWord = (word: string) => {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (textWidthEm(candidate) <= maxEm) {
      current = candidate;
      return;
    }
    if (current !== '') lines.push(current);
    current = '';
    if (textWidthEm(word) <= maxEm) {
      current = word;
      return;
    }
    let piece = '';
    for (const ch of word) {
      if (textWidthEm(piece + ch) > maxEm && piece !== '') {
        lines.push(piece);
        piece = '';
      }
      piece += ch;
    }
    current = piece;
  };
  for (const word of text.split(/\s+/).filter(Boolean)) pushWord(word);
  if (current !== '') lines.push(current);
  return lines.length > 0 ? lines : [''];
}
