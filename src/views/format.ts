/** Formats hours for display: "about 6 h", "about 1,240 h". */
export function formatHours(hours: number): string {
  return `about ${Math.round(hours).toLocaleString('en-US')} h`;
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Escapes text for XML and SVG written as strings (the sitemap, images, badges). */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
