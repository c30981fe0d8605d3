// Which outlet a fetched page belongs to: a registered source on the same site, else the page's own
// site name, else its host. The analyst confirms or changes the guess before saving.

export type SourceChoice = { name: string; url: string | null };

export function guessSourceName(
  pageUrl: string,
  siteName: string | null,
  sources: SourceChoice[],
): { name: string; known: boolean } {
  const host = siteHost(pageUrl);
  if (host) {
    const sameSite = sources.filter((source) => {
      const sourceHost = source.url ? siteHost(source.url) : null;
      return (
        sourceHost !== null &&
        (sourceHost === host || host.endsWith(`.${sourceHost}`) || sourceHost.endsWith(`.${host}`))
      );
    });
    const exact = sameSite.find((source) => siteHost(source.url!) === host) ?? sameSite[0];
    if (exact) return { name: exact.name, known: true };
  }
  const name = siteName?.trim() || host || "Unknown outlet";
  const known = sources.find((source) => source.name.toLowerCase() === name.toLowerCase());
  return known ? { name: known.name, known: true } : { name, known: false };
}

function siteHost(url: string): string | null {
  if (!URL.canParse(url)) return null;
  // The port counts: two services on one host (as in tests on 127.0.0.1) are different sites.
  return new URL(url).host.toLowerCase().replace(/^www\./, "") || null;
}
