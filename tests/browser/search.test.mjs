// The search page of the built demo, in chromium: Chinese, pinyin, initials and a village
// name find the right first result; results are an ordered list of headings with links and
// a live region announces their number; nothing is fetched from another host; search keeps
// working with the server gone once the page has loaded; without JavaScript the area tree
// reaches every village's representatives within three clicks of the home page.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { siteDir, start } from "./browser.mjs";

let env;
before(async () => {
  env = await start();
});
after(async () => {
  await env?.close();
});

/** Open the search page in a fresh context; `requests` collects every URL it asks for. */
async function searchPage(options = {}) {
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(env.url("search/index.html"));
  return { context, page, requests };
}

/** Type `q` and wait for the live region to announce the outcome. */
async function search(page, q) {
  const input = page.getByLabel("搜索代表、地区或联络站");
  await input.fill("");
  await input.fill(q);
  await page.waitForFunction(
    (q) => {
      const s = document.getElementById("search-status").textContent;
      return new URLSearchParams(location.search).get("q") === q && /找到|没有找到/.test(s)
        && !document.getElementById("search-results").hasAttribute("aria-busy");
    },
    q,
    { timeout: 20000 },
  );
  return page.$$eval("#search-results > li h2 a", (as) =>
    as.map((a) => ({ title: a.textContent.trim(), href: a.getAttribute("href") })),
  );
}

describe("search page", { timeout: 120000 }, () => {
  const cases = [
    ["李秀", "李秀英", "deputies/li-xiuying/index.html"],
    ["李秀英", "李秀英", "deputies/li-xiuying/index.html"],
    ["lixiuying", "李秀英", "deputies/li-xiuying/index.html"],
    ["li xiuying", "李秀英", "deputies/li-xiuying/index.html"],
    ["lǐ xiùyīng", "李秀英", "deputies/li-xiuying/index.html"],
    ["lxy", "李秀英", "deputies/li-xiuying/index.html"],
    ["shanlihua", "单丽华", "deputies/shan-lihua/index.html"],
    ["杨家庄村", "杨家庄村", "areas/yangjiazhuang/index.html"],
    ["yangjiazhuang", "杨家庄村", "areas/yangjiazhuang/index.html"],
    ["fengming", "凤鸣镇", "areas/fengming/index.html"],
    // Tone numbers read as plain pinyin (issue 17).
    ["li3 xiu4 ying1", "李秀英", "deputies/li-xiuying/index.html"],
    // An exact title comes first, above the stations and deputies that mention it.
    ["红旗村", "红旗村", "areas/hongqi/index.html"],
  ];

  test("queries find the expected first result", async () => {
    const { context, page } = await searchPage();
    try {
      for (const [q, title, href] of cases) {
        const results = await search(page, q);
        assert.ok(results.length > 0, `no results for ${q}`);
        assert.equal(results[0].title, title, `first result for ${q}: ${JSON.stringify(results.slice(0, 3))}`);
        assert.equal(results[0].href, `../${href}`, `link of the first result for ${q}`);
      }
    } finally {
      await context.close();
    }
  });

  test("results are announced and usable by keyboard", async () => {
    const { context, page } = await searchPage();
    try {
      const results = await search(page, "lxy");
      const status = page.locator("#search-status");
      assert.equal(await status.getAttribute("role"), "status");
      assert.match(await status.textContent(), new RegExp(`找到 ${(await page.$$("#search-results > li")).length >= 10 ? "\\d+" : results.length} 条结果`));
      // The first result shows its level, area and next reception, as the index recorded them.
      const first = page.locator("#search-results > li").first();
      assert.match(await first.locator(".meta").textContent(), /县人大代表/);
      assert.match(await first.locator(".search-next").textContent(), /下一次接待：.*\d{2}:\d{2}/);
      // Tab from the box reaches the results' links; Enter follows the focused one.
      await page.getByLabel("搜索代表、地区或联络站").focus();
      let reached = false;
      for (let i = 0; i < 12 && !reached; i++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate(() => document.activeElement?.closest("#search-results") !== null);
      }
      assert.ok(reached, "Tab never reached a result link");
      await Promise.all([page.waitForURL(/deputies\/li-xiuying\/index\.html$/), page.keyboard.press("Enter")]);
    } finally {
      await context.close();
    }
  });

  test("a query in the address (from the header box) runs on load, and filters narrow it", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(env.url("index.html"));
      await page.locator("header form[role=search] input").fill("凤鸣");
      await Promise.all([page.waitForURL(/search\/index\.html\?q=/), page.keyboard.press("Enter")]);
      await page.waitForFunction(() => /找到/.test(document.getElementById("search-status").textContent), null, { timeout: 20000 });
      await page.selectOption("#search-kind", "station");
      await page.waitForFunction(() => new URLSearchParams(location.search).get("kind") === "station"
        && !document.getElementById("search-results").hasAttribute("aria-busy")
        && /找到/.test(document.getElementById("search-status").textContent), null, { timeout: 20000 });
      const hrefs = await page.$$eval("#search-results > li h2 a", (as) => as.map((a) => a.getAttribute("href")));
      assert.ok(hrefs.length > 0);
      assert.ok(hrefs.every((h) => h.startsWith("../stations/")), JSON.stringify(hrefs));
    } finally {
      await context.close();
    }
  });

  test("everything is served by the site itself", async () => {
    const { context, page, requests } = await searchPage();
    try {
      await search(page, "李秀");
      const origin = new URL(env.url()).origin;
      const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"));
      assert.deepEqual(foreign, []);
      assert.ok(requests.some((u) => u.includes("/pagefind/")), "the index was not loaded from the site");
    } finally {
      await context.close();
    }
  });

  test("search keeps working offline once loaded", async () => {
    // A server of its own, so stopping it does not disturb the other tests.
    const { serve } = await import("./server.mjs");
    const own = await serve(siteDir());
    const context = await env.browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(`${own.url}search/index.html`);
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
        }
      });
      await own.close();
      const results = await search(page, "lxy");
      assert.equal(results[0]?.title, "李秀英");
      const village = await search(page, "杨家庄");
      assert.equal(village[0]?.title, "杨家庄村");
    } finally {
      await context.close();
      await own.close().catch(() => {});
    }
  });
});

describe("without JavaScript", { timeout: 120000 }, () => {
  test("the search page points to the area directory", async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(env.url("search/index.html?q=李秀英"));
      const link = page.locator("noscript a, .search-noscript a").first();
      await link.waitFor();
      assert.match(await link.getAttribute("href"), /areas\/index\.html$/);
    } finally {
      await context.close();
    }
  });

  test("every village's representatives are at most three clicks from the home page", async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const links = async (path) => {
      await page.goto(env.url(path));
      return page.$$eval("main a[href]", (as) => as.map((a) => new URL(a.getAttribute("href"), location.href).pathname.replace(/^\//, "")));
    };
    try {
      const areas = readFileSync(new URL("../../content/areas.yaml", import.meta.url), "utf8");
      const villages = [...areas.matchAll(/\{ id: ([a-z0-9-]+), name: [^,]+, kind: (village|community)/g)].map((m) => m[1]);
      assert.ok(villages.length > 10);
      // Pages reached with one and two clicks from home.
      const depth = new Map([["index.html", 0]]);
      let frontier = ["index.html"];
      for (const d of [1, 2]) {
        const next = [];
        for (const p of frontier) {
          for (const l of await links(p)) {
            if (l.startsWith("areas/") && !depth.has(l)) {
              depth.set(l, d);
              next.push(l);
            }
          }
        }
        frontier = next;
      }
      for (const v of villages) {
        const path = `areas/${v}/index.html`;
        assert.ok(depth.has(path), `${v} is not within two clicks of the home page`);
        // The third click reaches a representative's page from the village's page.
        const reps = (await links(path)).filter((l) => l.startsWith("deputies/"));
        assert.ok(reps.length > 0, `${v} lists no representative`);
      }
    } finally {
      await context.close();
    }
  });
});
