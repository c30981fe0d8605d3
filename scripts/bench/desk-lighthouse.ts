import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig } from "lighthouse";
import { env } from "@/lib/env";

// Lighthouse's own desktop preset run on one signed-in page, in Debian's Chromium. Lighthouse rather than a
// trace read by hand: its total blocking time is a simulation (Lantern) over the observed main-thread tasks with
// the preset's network and CPU settings, which a hand-written Playwright + CDP reading would only approximate;
// the `lighthouse` package is the tool that defines the figure, kept by the Chrome team, and it drives the
// browser through chrome-launcher (its own dependency), pointed at CHROMIUM_PATH: nothing is downloaded.

export type LighthouseRun = {
  tbtMs: number;
  /** Script requests during the load: bytes on the wire (compressed, with headers) and decoded. */
  scriptTransferBytes: number;
  scriptResourceBytes: number;
  scripts: number;
  documentTransferBytes: number;
  performanceScore: number;
};

type NetworkItem = { resourceType?: string; transferSize?: number; resourceSize?: number; url?: string };

// Chromium flags for this closed network and a machine without a display or GPU (as playwright.config.ts).
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Runs the desktop preset `runs` times on `url` with `cookie`, one fresh Chromium for all runs. */
export async function runLighthouse(url: string, cookie: string, runs: number): Promise<LighthouseRun[]> {
  const chrome = await chromeLauncher.launch({ chromePath: env().CHROMIUM_PATH, chromeFlags: CHROME_FLAGS });
  const results: LighthouseRun[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const result = await lighthouse(
        url,
        {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance"],
          extraHeaders: { Cookie: cookie },
        },
        desktopConfig,
      );
      if (!result) throw new Error("Lighthouse returned no result");
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
      const finalUrl = lhr.finalDisplayedUrl ?? "";
      if (new URL(finalUrl).pathname !== new URL(url).pathname)
        throw new Error(`Lighthouse ended on ${finalUrl}, not ${url}: is the bench user signed in?`);
      const details = lhr.audits["network-requests"]?.details as { items?: NetworkItem[] } | undefined;
      const items = details?.items ?? [];
      const scripts = items.filter((item) => item.resourceType === "Script");
      const document = items.find((item) => item.resourceType === "Document");
      results.push({
        tbtMs: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN,
        scriptTransferBytes: scripts.reduce((sum, item) => sum + (item.transferSize ?? 0), 0),
        scriptResourceBytes: scripts.reduce((sum, item) => sum + (item.resourceSize ?? 0), 0),
        scripts: scripts.length,
        documentTransferBytes: document?.transferSize ?? 0,
        performanceScore: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      });
    }
  } finally {
    chrome.kill();
  }
  return results;
}
