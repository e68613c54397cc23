export function hashKey(key: string): string;
export function openKeyTable(dir: string | undefined, secret: string | undefined, filler?: number): Promise<(key: string) => Promise<string | null>>;
