// Accessibility of every kind of page of the built demo (issue 9), in chromium, at 375 px
// (a phone) and 1280 px wide, in normal and in elder-friendly mode (适老化):
// - axe-core finds no violation of the WCAG 2.1 A and AA rules;
// - no console error, no page error, no failed request, and no request leaves the site
//   (every request goes to the test server on 127.0.0.1; the 404 page, which is served at
//   any depth and so links to the site's published address, may ask that address, which
//   the test answers from the built folder);
// - the measurements of lib/audit.mjs: lang, one h1, no horizontal scrolling, alt text (a
//   deputy's photo: the deputy's name), text size, line height and contrast from computed
//   styles, tap-target sizes from bounding boxes, no motion in elder mode;
// - keyboard: Tab from the top reaches every link, button and field, each with a visible
//   focus ring (a computed outline or box-shadow); the first stop is a skip link to #main,
//   shown when focused, and Enter on it moves focus into the main content.
// Elder mode is switched on and off from every page and remembered across pages; without
// JavaScript, `page.html#elder` shows the same large style (checked with the same numbers).
// Screenshots of the main pages at 375 px in both modes go to tests/browser/screenshots/.
// Each test fails with the list of every violation: page, width, mode, rule, target.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { start } from "./browser.mjs";
import { audit, focused, tabbable } from "./lib/audit.mjs";
import { PAGES as ALL, baseUrl, photoNames, slug } from "./lib/pages.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SHOTS = new URL("./screenshots/", import.meta.url);
// A developer may check some kinds only: A11Y_PAGES="home,deputy" (all by default).
const ONLY = process.env.A11Y_PAGES?.split(",").map((k) => k.trim());
const PAGES = ONLY ? ALL.filter((p) => ONLY.includes(p.kind)) : ALL;
const PHOTOS = photoNames();
const BASE = baseUrl();
const MODES = {
  normal: { elder: false, tap: 44, minText: 18, minBody: 18, minSmall: 15, contrast: 4.5, fontSize: 18 },
  elder: { elder: true, tap: 60, minText: 22, minBody: 22, minSmall: 22, contrast: 7, fontSize: 22 },
};

let env;
before(async () => {
  env = await start();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await env?.close();
});

/** Fail with every violation, one a line, if there is any. */
function report(violations, what) {
  const lines = violations.map((v) => `  ${v.where} · ${v.rule} · ${v.target}${v.detail ? ` · ${v.detail}` : ""}`);
  assert.equal(violations.length, 0, `${violations.length} ${what}:\n${lines.join("\n")}`);
}

/**
 * A browser context at `width` px in `mode`, which records on `log` every request that
 * leaves the site, every failed request and every console or page error.
 */
async function newContext({ width, mode, javaScriptEnabled = true }) {
  const context = await env.browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled, reducedMotion: "no-preference" });
  const local = new URL(env.url()).origin;
  const log = { requests: [], errors: [] };
  // Every request is seen here. The 404 page's links start from base_url (it is served at
  // any depth): those are answered from the built folder, as the published site would; a
  // request for any other host is recorded and never sent.
  await context.route(() => true, async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${local}/`) || /^(data|blob):/.test(url)) return route.continue();
    if (url.startsWith(BASE)) {
      log.requests.push({ url, base: true });
      return route.fulfill({ response: await route.fetch({ url: env.url(url.slice(BASE.length)) }) });
    }
    log.requests.push({ url });
    return route.abort("blockedbyclient");
  });
  context.on("requestfailed", (r) => {
    // ERR_ABORTED: cancelled because the test moved on to the next page (lazy images).
    if (r.failure()?.errorText !== "net::ERR_ABORTED") log.errors.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  if (mode === "elder") {
    await context.addInitScript(() => {
      try {
        localStorage.setItem("lianluo-elder", "1");
      } catch {}
    });
  }
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // Chromium reports the 404 status of the page itself; that is the 404 page working.
    if (/status of 404/.test(m.text()) && m.location().url === page.url()) return;
    log.errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => log.errors.push(`page error: ${e.message}`));
  return { context, page, log };
}

/** Go to a page of PAGES; returns a problem if its HTTP status is not the expected one. */
async function visit(page, log, p, hash = "") {
  log.requests.length = 0;
  log.errors.length = 0;
  const response = await page.goto(env.url(p.path) + hash, { waitUntil: "load" });
  await page.waitForLoadState("networkidle").catch(() => {});
  if (p.kind === "404") {
    // Chromium may ask for the favicon (on this page a link from base_url, allowed here)
    // after the load has settled; wait for it, or it is counted against the next page
    // (the search page once failed "request-leaves-site" with the 404 page's icon).
    for (let i = 0; i < 20 && !log.requests.some((r) => r.url.endsWith("/assets/icon.svg")); i++) {
      await page.waitForTimeout(100);
    }
  }
  const status = response?.status();
  return status === (p.status || 200) ? [] : [{ rule: "http-status", target: p.path, detail: `status ${status}` }];
}

/** The requests that left the site and the errors since the page `p` was opened. */
function drain(log, p) {
  const found = [];
  for (const r of log.requests) {
    if (!r.base || p.kind !== "404") found.push({ rule: "request-leaves-site", target: r.url });
  }
  for (const e of log.errors) found.push({ rule: "console-error", target: e });
  log.requests.length = 0;
  log.errors.length = 0;
  return found;
}

/** axe-core's violations of the WCAG 2.1 A and AA rules. */
async function axe(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    }),
  );
  // A run that passed no rule at all did not check anything.
  if (!result.passes.length) return [{ rule: "axe", target: "document", detail: "axe-core passed no rule: it did not run" }];
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => ({ rule: `axe:${v.id}`, target: n.target.join(" "), detail: n.failureSummary?.split("\n").slice(1, 3).join(" ").trim() })),
  );
}

/**
 * Tab through the page from the top: every element that should be reachable is reached,
 * each shows a focus ring and is scrolled into view; the first is the skip link to #main,
 * and following it moves focus to the main content.
 */
async function keyboard(page) {
  const found = [];
  const expected = await page.evaluate(tabbable);
  await page.evaluate(() => window.scrollTo(0, 0));
  const reached = new Set();
  let first = null;
  for (let i = 0; i < expected.length + 3; i++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(focused);
    if (!f) {
      if (i > 0) break;
      continue;
    }
    if (first === null) {
      first = f;
      if (!/\.skip\b/.test(f.target) || f.href !== "#main") found.push({ rule: "skip-link", target: f.target, detail: "the first Tab stop is not the skip link to #main" });
    } else if (f.key === first.key) break;
    if (f.key !== null) reached.add(f.key);
    if (!f.ring) found.push({ rule: "focus-ring", target: f.target, detail: `no visible focus ring (${f.outline})` });
    if (!f.inView) found.push({ rule: "focus-in-view", target: f.target, detail: "focused but outside the viewport" });
  }
  const missed = expected.filter((_, k) => !reached.has(String(k)));
  for (const m of missed) found.push({ rule: "keyboard-unreachable", target: m, detail: "never focused by Tab" });
  if (await page.$(".skip")) {
    await page.focus(".skip");
    await page.keyboard.press("Enter");
    const inMain = await page.evaluate(() => {
      const main = document.getElementById("main");
      return !!main && main.contains(document.activeElement);
    });
    if (!inMain) found.push({ rule: "skip-link", target: "a.skip", detail: "Enter on the skip link does not move focus into #main" });
  } else found.push({ rule: "skip-link", target: "body", detail: "no skip link" });
  return found;
}

/** Click the visible element matching `selector`; false when there is none. */
async function click(page, selector) {
  const el = page.locator(selector).locator("visible=true");
  if ((await el.count()) !== 1) return false;
  await el.click();
  return true;
}

const where = (p, width, mode) => `${p.kind} (${p.path}) @${width} ${mode}`;

for (const width of [375, 1280]) {
  for (const mode of ["normal", "elder"]) {
    describe(`every kind of page at ${width} px, ${mode} mode`, { timeout: 900000 }, () => {
      test("axe, errors, requests, keyboard, and the measurements of lib/audit.mjs", async () => {
        const { context, page, log } = await newContext({ width, mode });
        const violations = [];
        try {
          for (const p of PAGES) {
            const at = where(p, width, mode);
            const found = await visit(page, log, p);
            const isElder = await page.evaluate(() => document.documentElement.classList.contains("elder"));
            if (isElder !== (mode === "elder")) found.push({ rule: "mode", target: "html", detail: `class elder is ${isElder}` });
            if (width === 375 && p.main) {
              await page.screenshot({ path: new URL(`${slug(p.kind)}-375-${mode}.png`, SHOTS).pathname, fullPage: true });
            }
            // The keyboard walk first: it starts from the top of a freshly loaded page.
            found.push(...(await keyboard(page)));
            found.push(...(await axe(page)));
            found.push(...(await page.evaluate(audit, { ...MODES[mode], photos: PHOTOS })));
            found.push(...drain(log, p));
            violations.push(...found.map((v) => ({ where: at, ...v })));
          }
        } finally {
          await context.close();
        }
        report(violations, `violations at ${width} px in ${mode} mode`);
      });
    });
  }
}

describe("elder-friendly mode", { timeout: 600000 }, () => {
  test("is switched on and off from every page and remembered on the next page", async () => {
    const { context, page, log } = await newContext({ width: 375, mode: "normal" });
    const violations = [];
    const state = () =>
      page.evaluate(() => ({
        elder: document.documentElement.classList.contains("elder"),
        fontSize: parseFloat(getComputedStyle(document.body).fontSize),
        stored: localStorage.getItem("lianluo-elder"),
      }));
    const expect = async (p, on, step) => {
      const s = await state();
      const sized = on ? s.fontSize >= MODES.elder.fontSize : s.fontSize === MODES.normal.fontSize;
      if (s.elder !== on || !sized) {
        violations.push({ where: `${p.kind} (${p.path})`, rule: "elder-switch", target: step, detail: `elder ${s.elder}, body text ${s.fontSize} px, stored ${s.stored}` });
      }
    };
    const open = async (p, hash) => {
      for (const v of [...(await visit(page, log, p, hash)), ...drain(log, p)]) violations.push({ where: `${p.kind} (${p.path})`, ...v });
    };
    try {
      for (const [i, p] of PAGES.entries()) {
        const next = PAGES[(i + 1) % PAGES.length];
        await open(p);
        await expect(p, false, "before switching on");
        if (!(await click(page, '[data-elder="1"]'))) {
          violations.push({ where: `${p.kind} (${p.path})`, rule: "elder-switch", target: '[data-elder="1"]', detail: "no switch to click" });
          continue;
        }
        await expect(p, true, "after clicking the switch");
        await open(next);
        await expect(next, true, `on the next page after switching on at ${p.path}`);
        if (!(await click(page, '[data-elder="0"]'))) {
          violations.push({ where: `${next.kind} (${next.path})`, rule: "elder-switch", target: '[data-elder="0"]', detail: "no switch back to click" });
          await page.evaluate(() => localStorage.setItem("lianluo-elder", "0"));
          continue;
        }
        await expect(next, false, "after clicking the switch back");
        await page.reload();
        await expect(next, false, "after reloading with the switch back off");
        for (const v of drain(log, next)) violations.push({ where: `${next.kind} (${next.path})`, ...v });
      }
      // Opened as page.html#elder (the link that works without JavaScript), the switch back
      // to the standard style works too.
      const home = PAGES[0];
      await page.goto("about:blank");
      await open(home, "#elder");
      const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      if ((await size()) < MODES.elder.fontSize) violations.push({ where: `${home.path}#elder`, rule: "elder-switch", target: "html", detail: `body text ${await size()} px` });
      await click(page, '[data-elder="0"]');
      if ((await size()) !== MODES.normal.fontSize) violations.push({ where: `${home.path}#elder`, rule: "elder-switch", target: '[data-elder="0"]', detail: `body text ${await size()} px after switching back` });
    } finally {
      await context.close();
    }
    report(violations, "problems switching elder mode");
  });

  test("without JavaScript, the switch (a link to page.html#elder) gives the large style, every page", async () => {
    const { context, page, log } = await newContext({ width: 375, mode: "normal", javaScriptEnabled: false });
    const violations = [];
    try {
      for (const p of PAGES) {
        const found = await visit(page, log, p);
        const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
        if (!(await click(page, '[data-elder="1"]'))) found.push({ rule: "elder-nojs", target: '[data-elder="1"]', detail: "no switch to click" });
        else if (!page.url().endsWith(`${p.path}#elder`)) found.push({ rule: "elder-nojs", target: '[data-elder="1"]', detail: `the switch leads to ${page.url()}` });
        const fontSize = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
        if (before !== MODES.normal.fontSize || fontSize < MODES.elder.fontSize) found.push({ rule: "elder-nojs", target: "body", detail: `body text ${before} px before the switch, ${fontSize} px after` });
        found.push(...(await page.evaluate(audit, { ...MODES.elder, photos: PHOTOS })));
        found.push(...drain(log, p));
        if (p.kind === "home") await page.screenshot({ path: new URL("home-375-elder-nojs.png", SHOTS).pathname, fullPage: true });
        violations.push(...found.map((v) => ({ where: `${p.kind} (${p.path}#elder) @375 no JavaScript`, ...v })));
      }
    } finally {
      await context.close();
    }
    report(violations, "violations of elder mode without JavaScript");
  });
});
