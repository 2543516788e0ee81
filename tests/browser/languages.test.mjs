// The demo built in Traditional Chinese, in English and as a bilingual zh-Hans + en site
// (LIANLUO_SITE_ZH_HANT, LIANLUO_SITE_EN, LIANLUO_SITE_BILINGUAL, set by tests/browser.rs): a page of every kind
// the theme renders declares its language, passes axe-core's WCAG 2.1 A/AA rules and logs no
// console error; search
// finds Chinese content by its characters and its pinyin under either UI; screenshots of the
// home, a deputy and a station page at 375 px go to tests/browser/screenshots/; every HTML
// file of each build passes the Nu HTML Checker; in the bilingual site the language switcher
// (a 44 px target) leads to the same page in the other language, and search in the English
// tree finds a deputy by the Chinese name and by pinyin.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join, relative } from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM } from "./browser.mjs";
import { serve } from "./server.mjs";
import { PAGES as ALL } from "./lib/pages.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const SHOTS = new URL("./screenshots/", import.meta.url);

const BUILDS = [
  ["zh-Hant", process.env.LIANLUO_SITE_ZH_HANT],
  ["en", process.env.LIANLUO_SITE_EN],
].filter(([, dir]) => dir);
// The demo as a bilingual site (`languages: [zh-Hans, en]`): English under /en/.
const BILINGUAL = process.env.LIANLUO_SITE_BILINGUAL;

// Every kind of page the theme renders (the accessibility suite's list); the 404 page by
// its own file, as the server answers an unknown path with it.
const PAGES = ALL.map((p) => (p.kind === "404" ? ["404", "404.html"] : [p.kind, p.path]));

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
});

async function axe(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  assert.ok(result.passes.length > 0, "axe-core did not run");
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(" ")}`));
}

/** The Nu HTML Checker's errors in every .html file under `dir`, or why it cannot run. */
function nuErrors(dir) {
  let jar = null;
  try {
    jar = join(dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
  } catch {}
  const java = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (java.error || java.status !== 0 || !jar || !existsSync(jar)) return { skip: "java or vnu-jar is missing" };
  const files = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => join(e.parentPath ?? e.path, e.name));
  const run = spawnSync("java", ["-Xss4m", "-jar", jar, "--errors-only", "--format", "json", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const { messages } = JSON.parse(run.stderr || run.stdout);
  return {
    files: files.length,
    errors: messages
      .filter((m) => m.type !== "info")
      .map((m) => `${m.url ? relative(dir, decodeURIComponent(new URL(m.url).pathname)) : "?"}:${m.lastLine}: ${m.message}`),
  };
}

for (const [lang, dir] of BUILDS) {
  describe(`the demo in ${lang}`, { timeout: 180000 }, () => {
    let server;
    before(async () => {
      server = await serve(dir);
    });
    after(async () => {
      await server?.close();
    });

    test("pages declare the language, pass axe and log no error; screenshots at 375 px", async () => {
      const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
      const page = await context.newPage();
      const errors = [];
      // The 404 page links its styles by the site's absolute address (it answers any path).
      page.on("console", (m) => m.type() === "error" && !page.url().endsWith("404.html") && errors.push(`${page.url()}: ${m.text()}`));
      page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
      const problems = [];
      try {
        for (const [kind, path] of PAGES) {
          await page.goto(server.url + path);
          assert.equal(await page.getAttribute("html", "lang"), lang, `${path}: <html lang>`);
          problems.push(...(await axe(page)).map((v) => `${path}: ${v}`));
          if (["home", "deputy", "station"].includes(kind)) {
            await page.screenshot({ path: new URL(`${lang}-${kind}-375.png`, SHOTS).pathname, fullPage: true });
          }
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, [], "axe violations");
      assert.deepEqual(errors, [], "console errors");
    });

    test("every page passes the Nu HTML Checker", (t) => {
      const found = nuErrors(dir);
      if (found.skip) {
        if (process.env.LIANLUO_REQUIRE_BROWSER) assert.fail(found.skip);
        t.skip(found.skip);
        return;
      }
      assert.deepEqual(found.errors, [], `${found.errors.length} errors in ${found.files} files`);
    });

    test("search finds Chinese content by characters and by pinyin", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      try {
        await page.goto(server.url + "search/index.html");
        const loading = await page.getAttribute("#search-form, form[data-root]", "data-loading");
        for (const q of ["李秀英", "lixiuying", "lxy"]) {
          const input = page.locator("#search-q");
          await input.fill("");
          await input.fill(q);
          await page.waitForFunction(
            ([q, loading]) => {
              const s = document.getElementById("search-status").textContent;
              return new URLSearchParams(location.search).get("q") === q && s && s !== loading
                && !document.getElementById("search-results").hasAttribute("aria-busy");
            },
            [q, loading],
            { timeout: 20000 },
          );
          const titles = await page.$$eval("#search-results > li h2 a", (as) => as.map((a) => a.textContent.trim()));
          assert.equal(titles[0], "李秀英", `first result for ${q}: ${titles.slice(0, 3)}`);
        }
      } finally {
        await context.close();
      }
    });
  });
}

describe("the bilingual demo (zh-Hans at the root, en under /en/)", { skip: !BILINGUAL, timeout: 180000 }, () => {
  let server;
  before(async () => {
    server = await serve(BILINGUAL);
  });
  after(async () => {
    await server?.close();
  });

  test("the switcher leads to the same page in the other language, and both pass axe", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    const errors = [];
    page.on("console", (m) => m.type() === "error" && errors.push(`${page.url()}: ${m.text()}`));
    try {
      for (const [from, to, lang] of [
        ["deputies/li-xiuying/index.html", "en/deputies/li-xiuying/index.html", "en"],
        ["en/stations/chengguan-station/index.html", "stations/chengguan-station/index.html", "zh-Hans"],
        ["en/index.html", "index.html", "zh-Hans"],
      ]) {
        await page.goto(server.url + from);
        assert.deepEqual(await axe(page), [], `${from}: axe`);
        const link = page.locator("nav.lang-switch a");
        const box = await link.boundingBox();
        assert.ok(box && box.height >= 44 && box.width >= 44, `${from}: the switcher's tap target is ${JSON.stringify(box)}`);
        await Promise.all([page.waitForURL(server.url + to), link.click()]);
        assert.equal(await page.getAttribute("html", "lang"), lang, `${to}: <html lang>`);
      }
      await page.goto(server.url + "en/deputies/li-xiuying/index.html");
      await page.screenshot({ path: new URL("bilingual-en-deputy-375.png", SHOTS).pathname, fullPage: true });
    } finally {
      await context.close();
    }
    assert.deepEqual(errors, [], "console errors");
  });

  test("search in the English tree finds a deputy by the Chinese name and by pinyin", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(server.url + "en/search/index.html");
      const loading = await page.getAttribute("#search-form", "data-loading");
      for (const q of ["李秀英", "lixiuying", "lxy"]) {
        await page.locator("#search-q").fill(q);
        await page.waitForFunction(
          ([q, loading]) => {
            const s = document.getElementById("search-status").textContent;
            return new URLSearchParams(location.search).get("q") === q && s && s !== loading
              && !document.getElementById("search-results").hasAttribute("aria-busy");
          },
          [q, loading],
          { timeout: 20000 },
        );
        const titles = await page.$$eval("#search-results > li h2 a", (as) => as.map((a) => a.textContent.trim()));
        assert.equal(titles[0], "Li Xiuying", `first result for ${q}: ${titles.slice(0, 3)}`);
      }
    } finally {
      await context.close();
    }
  });

  test("every page of both trees passes the Nu HTML Checker", (t) => {
    const found = nuErrors(BILINGUAL);
    if (found.skip) {
      if (process.env.LIANLUO_REQUIRE_BROWSER) assert.fail(found.skip);
      t.skip(found.skip);
      return;
    }
    assert.deepEqual(found.errors, [], `${found.errors.length} errors in ${found.files} files`);
  });
});
