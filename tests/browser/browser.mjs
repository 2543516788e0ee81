// Shared set-up of the browser tests: the built site's folder (LIANLUO_SITE, set by
// tests/browser.rs), Debian's chromium driven by playwright-core, and the static server.
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The folder of the built site under test. */
export function siteDir() {
  const dir = process.env.LIANLUO_SITE;
  if (!dir) throw new Error("LIANLUO_SITE is not set: run these tests with `cargo test --test browser`");
  return dir;
}

/** Start the server and the browser; `close()` stops both. */
export async function start() {
  const server = await serve(siteDir());
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    server,
    browser,
    url: (path = "") => server.url + path.replace(/^\//, ""),
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
