export interface ClientManifest {
  css: string;
  scripts: Record<string, { file: string; imports: string[] }>;
}
export const CLIENT_DIR: string;
export const ENTRIES: string[];
export function buildClient(): Promise<ClientManifest>;
