// Measures what a browser downloads to search a built site: the bytes of every response
// the search page receives, split into loading the page, starting search and each query.
// Not a test; used for benches/README.md ("Search index"):
//   LIANLUO_SITE=/path/to/built/site node tests/browser/measure.mjs [SCOPE] QUERY...
// A first argument `scope=<area-id>` searches that top-level place's own index.
import { start } from "./browser.mjs";

const args = process.argv.slice(2);
const scope = args[0]?.startsWith("scope=") ? args.shift().slice(6) : "";
const env = await start();
const context = await env.browser.newContext({ serviceWorkers: "block" });
const page = await context.newPage();
let bytes = 0;
const files = [];
page.on("requestfinished", async (req) => {
  const res = await req.response();
  const body = res ? await res.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
  bytes += body.length;
  files.push([new URL(req.url()).pathname, body.length]);
});
const settle = () => new Promise((r) => setTimeout(r, 500));
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

await page.goto(env.url(`search/index.html${scope ? `?scope=${scope}` : ""}`));
await page.waitForSelector("#search-form[data-ready]", { state: "attached", timeout: 120000 });
await settle();
console.log(`page and search start: ${kb(bytes)} in ${files.length} files`);
for (const [f, n] of files.filter(([f]) => f.includes("pagefind"))) console.log(`  ${f} ${kb(n)}`);
for (const q of args) {
  bytes = 0;
  files.length = 0;
  const t0 = Date.now();
  await page.fill("#search-q", q);
  await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q
    && /找到|没有找到/.test(document.getElementById("search-status").textContent)
    && !document.getElementById("search-results").hasAttribute("aria-busy"), q, { timeout: 120000 });
  const ms = Date.now() - t0;
  await settle();
  const status = await page.textContent("#search-status");
  const first = await page.$$eval("#search-results h2 a", (as) => as.slice(0, 3).map((a) => a.textContent));
  console.log(`query ${JSON.stringify(q)}: ${kb(bytes)} in ${files.length} files, ${ms} ms; ${status}; ${first.join(", ")}`);
}
await env.close();
