/** The operator console's pure helpers, with no import: the unit tests run them outside the portal's build. */

/** "1:05": minutes and seconds since `since`. */
export function waited(since: string, now: number): string {
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The search box: a name (any word's start), an extension or a DID (any part of the digits), as you type. */
export function matchesSearch(person: { name: string; extension: string; dids: readonly string[] }, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const digits = q.replace(/[^\d]/g, '');
  if (digits && digits === q.replace(/[\s+()-]/g, '')) {
    return person.extension.includes(digits) || person.dids.some((d) => d.replace(/\D/g, '').includes(digits));
  }
  const name = person.name.toLowerCase();
  return name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q)) || name.includes(q);
}
