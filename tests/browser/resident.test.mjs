// The resident's view (issue 18) on a phone: at 375 × 667 px, in normal and in elder-friendly
// mode, what a resident came for is within the first 1.5 screens (1,000 px) of the page:
// - a village page: the first township or county deputy and the first station serving it;
// - a deputy page: the contact block (phone, email, station phone);
// - the suggestions overview: the headline figures.
// Elder mode sets every text at 22 px and taps at 60 px, so the same content is longer: there
// the bound is 2.25 screens (1,500 px), which catches a page that pushes them further down.
// The measured positions (px from the top of the page) are printed, and screenshots of the
// first 1.5 screens of each page in both modes go to tests/browser/screenshots/resident-*.png.
// Also: search opened from disk (file://) says so, and a page seen long after its build says
// when it was built and where to check.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { siteDir, start } from "./browser.mjs";

const WIDTH = 375;
const HEIGHT = 667;
const LIMIT = 1.5 * HEIGHT;
const LIMITS = { normal: LIMIT, elder: 2.25 * HEIGHT };
const SHOTS = new URL("./screenshots/", import.meta.url);
const BUILT = "2026-11-23T10:00:00+08:00";

const CHECKS = [
  {
    name: "village",
    path: "areas/hongqi/index.html",
    targets: {
      "first township or county deputy": "section[aria-labelledby=level-township] li, section[aria-labelledby=level-county] li",
      "first station serving the place": ".stations-here a",
    },
  },
  {
    name: "deputy",
    path: "deputies/li-xiuying/index.html",
    targets: { "contact block": "section.contact-block" },
  },
  {
    name: "suggestions",
    path: "suggestions/index.html",
    targets: { "headline figures": ".figures-block dl.figures" },
  },
];

let env;
before(async () => {
  env = await start();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await env?.close();
});

for (const mode of ["normal", "elder"]) {
  test(`what residents came for is within ${LIMITS[mode] / HEIGHT} screens at ${WIDTH} px (${mode})`, async () => {
    const context = await env.browser.newContext({ viewport: { width: WIDTH, height: HEIGHT }, serviceWorkers: "block" });
    // Seen on its build day (2026-11-23, tests/browser.rs): no "built N days ago" notice.
    await context.clock.setFixedTime(new Date(BUILT));
    const page = await context.newPage();
    const problems = [];
    for (const c of CHECKS) {
      await page.goto(env.url(c.path) + (mode === "elder" ? "#elder" : ""));
      await page.evaluate(() => window.scrollTo(0, 0));
      for (const [what, css] of Object.entries(c.targets)) {
        const top = await page.evaluate((css) => {
          const el = document.querySelector(css);
          return el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null;
        }, css);
        console.log(`${mode} ${c.name} (${c.path}): ${what} at ${top} px`);
        if (top === null) problems.push(`${c.name}: ${what} (${css}) not found`);
        else if (top > LIMITS[mode]) problems.push(`${c.name}: ${what} at ${top} px, below ${LIMITS[mode]} px`);
      }
      await page.screenshot({
        path: new URL(`resident-${c.name}-${WIDTH}-${mode}.png`, SHOTS).pathname,
        clip: { x: 0, y: 0, width: WIDTH, height: LIMIT },
        fullPage: true,
      });
    }
    await context.close();
    assert.deepEqual(problems, []);
  });
}

test(`chart text is at least 14 px (18 px elder) and numbers do not wrap at ${WIDTH} px`, async () => {
  for (const [mode, min] of [["normal", 14], ["elder", 18]]) {
    const context = await env.browser.newContext({ viewport: { width: WIDTH, height: HEIGHT } });
    await context.clock.setFixedTime(new Date(BUILT));
    const page = await context.newPage();
    await page.goto(env.url("suggestions/index.html") + (mode === "elder" ? "#elder" : ""));
    const smallest = await page.evaluate(() => {
      let min = Infinity;
      for (const t of document.querySelectorAll(".chart svg text")) {
        const h = t.getBoundingClientRect().height;
        const size = parseFloat(t.getAttribute("font-size")) * (t.ownerSVGElement.getBoundingClientRect().width / t.ownerSVGElement.viewBox.baseVal.width);
        if (h > 0) min = Math.min(min, size);
      }
      return Math.round(min * 10) / 10;
    });
    console.log(`${mode}: smallest chart text ${smallest} px`);
    assert.ok(smallest >= min, `${mode}: chart text ${smallest} px < ${min} px`);
    // A figure's value ("100.0%") and its raw counts each stay on one line.
    const wrapped = await page.evaluate(() =>
      [...document.querySelectorAll(".figures .value, .figures .raw, .figure-table td")]
        .filter((e) => e.getClientRects().length > 1)
        .map((e) => e.textContent),
    );
    assert.deepEqual(wrapped, [], `${mode}: numbers wrapped`);
    await context.close();
  }
});

test("opened from disk, the search page says it cannot search there and links the area directory", async () => {
  const context = await env.browser.newContext({ viewport: { width: WIDTH, height: HEIGHT } });
  const page = await context.newPage();
  await page.goto(pathToFileURL(`${siteDir()}/search/index.html`).href);
  const notice = page.locator("#search-offline");
  assert.ok(await notice.isVisible(), "the file:// notice is shown");
  assert.match(await notice.innerText(), /file:\/\//);
  assert.ok((await notice.locator("a").getAttribute("href")).endsWith("areas/index.html"));
  // Served over http, the notice stays hidden.
  await page.goto(env.url("search/index.html"));
  assert.equal(await page.locator("#search-offline").isVisible(), false);
  await context.close();
});

test("a site viewed long after its build says when it was built and where to check", async () => {
  const context = await env.browser.newContext({ viewport: { width: WIDTH, height: HEIGHT } });
  await context.clock.setFixedTime(new Date("2027-06-01T10:00:00+08:00"));
  const page = await context.newPage();
  await page.goto(env.url("stations/fengming-station/index.html"));
  const note = await page.locator(".stale-site").innerText();
  assert.match(note, /2026年11月23日/);
  assert.match(note, /190 天/);
  assert.match(note, /https:\/\/rd\.example\.gov\.cn\//);
  // Every reception has passed: the list says so, with the build date, instead of nothing.
  const stale = await page.locator("p.stale").first().innerText();
  assert.match(stale, /2026年11月23日/);
  await context.close();
});
