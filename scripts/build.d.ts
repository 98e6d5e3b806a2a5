/** Builds dist/ unless it was built from exactly these sources; true when it built. */
export function buildIfStale(options?: { force?: boolean }): Promise<boolean>;
export function buildAll(): Promise<void>;
export function serverSources(): string[];
