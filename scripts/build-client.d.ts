export function buildClient(): Promise<{ js: string; css: string }>;
