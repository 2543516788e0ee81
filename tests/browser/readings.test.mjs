// Search finds names and places the way people say them (issue 17, part 7), in chromium on
// the fixture tests/cases/search-readings (built by tests/browser.rs into
// LIANLUO_SITE_READINGS): every surname with a reading of its own as a surname, by full
// pinyin, spaced, with tone marks, tone numbers and initials; places read as places (重庆,
// 长沙, 厦门) and 陕西 by its official spelling; an exact title first — a village above its
// station and the activity that repeat its name, a deputy above their own offices and
// activities, a Latin name above the offices named after it; namesakes ranked together,
// each telling where they were elected.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM } from "./browser.mjs";
import { serve } from "./server.mjs";

const dir = process.env.LIANLUO_SITE_READINGS;
let server;
let browser;
before(async () => {
  if (!dir) throw new Error("LIANLUO_SITE_READINGS is not set: run these tests with `cargo test --test browser`");
  server = await serve(dir);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Type `q` and wait for the outcome; the results as { title, href, meta }. */
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
  return page.$$eval("#search-results > li", (lis) =>
    lis.map((li) => {
      const a = li.querySelector("h2 a");
      return {
        title: a.textContent.trim(),
        href: a.getAttribute("href"),
        meta: li.querySelector(".meta")?.textContent.trim() ?? "",
      };
    }),
  );
}

async function withSearch(fn) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}search/index.html`);
    await fn(page);
  } finally {
    await context.close();
  }
}

const deputy = (id) => `../deputies/${id}/index.html`;
const area = (id) => `../areas/${id}/index.html`;
const station = (id) => `../stations/${id}/index.html`;

describe("search readings and ranking (issue 17)", { timeout: 300000 }, () => {
  // [query, first title, first href]
  const firsts = [
    // Surnames read as surnames, by full pinyin; the usual reading still finds them.
    ["shanyecai", "单业才", deputy("shan-yecai")],
    ["danyecai", "单业才", deputy("shan-yecai")],
    ["zenghong", "曾红", deputy("zeng-hong")],
    ["qiuli", "仇力", deputy("qiu-li")],
    ["zhaming", "查明", deputy("zha-ming")],
    ["piaozhe", "朴哲", deputy("piao-zhe")],
    ["qinli", "覃丽", deputy("qin-li")],
    ["miaohua", "缪华", deputy("miao-hua")],
    ["chonghai", "种海", deputy("chong-hai")],
    ["gejun", "盖军", deputy("ge-jun")],
    ["zhaihong", "翟红", deputy("zhai-hong")],
    ["xieqiang", "解强", deputy("xie-qiang")],
    ["ouwei", "区伟", deputy("ou-wei")],
    ["yueping", "乐平", deputy("yue-ping")],
    ["moqiwen", "万俟文", deputy("moqi-wen")],
    ["yuchijing", "尉迟敬", deputy("yuchi-jing")],
    // Spaced, with tone marks, with tone numbers, by initials, by a run of syllables.
    ["shan yecai", "单业才", deputy("shan-yecai")],
    ["shàn yècái", "单业才", deputy("shan-yecai")],
    ["shan4 ye4 cai2", "单业才", deputy("shan-yecai")],
    ["li3 xiu4 ying1", "李秀英", deputy("li-xiuying")],
    ["lixiuying", "李秀英", deputy("li-xiuying")],
    ["lxy", "李秀英", deputy("li-xiuying")],
    ["syc", "单业才", deputy("shan-yecai")],
    ["mqw", "万俟文", deputy("moqi-wen")],
    ["ycj", "尉迟敬", deputy("yuchi-jing")],
    ["xiuying", "李秀英", deputy("li-xiuying")],
    // Chinese, whole and in part.
    ["单业才", "单业才", deputy("shan-yecai")],
    ["万俟", "万俟文", deputy("moqi-wen")],
    // Places read as places, and 陕西 by its official spelling.
    ["chongqing", "重庆市", area("chongqing")],
    ["chong2 qing4", "重庆市", area("chongqing")],
    ["changsha", "长沙市", area("changsha")],
    ["xiamen", "厦门市", area("xiamen")],
    ["shaanxi", "陕西省", area("shaanxi")],
    ["shanxi", "陕西省", area("shaanxi")],
    // An exact title first: the village above its station and the activity that repeat
    // its name; the station by its own name; a deputy above their offices and activities.
    ["红旗村", "红旗村", area("hongqi")],
    ["hongqicun", "红旗村", area("hongqi")],
    ["红旗村代表联络站", "红旗村代表联络站", station("hongqi-station")],
    ["张伟", "张伟", deputy("zhang-wei")],
    ["zhangwei", "张伟", deputy("zhang-wei")],
    // A Latin name (a US roster) above the offices that carry it.
    ["Mary Smith", "Mary Smith", deputy("mary-smith")],
    ["mary smith", "Mary Smith", deputy("mary-smith")],
  ];

  test("each query finds the expected first result", async () => {
    await withSearch(async (page) => {
      const wrong = [];
      for (const [q, title, href] of firsts) {
        const results = await search(page, q);
        const got = results[0];
        if (!got || got.title !== title || got.href !== href) {
          wrong.push(`${q}: ${JSON.stringify(results.slice(0, 3))}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  });

  test("the village ranks above what mentions it, the deputy above their offices", async () => {
    await withSearch(async (page) => {
      const village = await search(page, "红旗村");
      const at = (href) => village.findIndex((r) => r.href === href);
      assert.equal(at(area("hongqi")), 0);
      assert.ok(at(station("hongqi-station")) > 0, JSON.stringify(village));
      const person = await search(page, "张伟");
      const offices = person.filter((r) => r.href.startsWith("../stations/zhang-wei-"));
      assert.equal(offices.length, 3, JSON.stringify(person));
      assert.equal(person[0].href, deputy("zhang-wei"));
      const activity = person.findIndex((r) => r.href.startsWith("../activities/"));
      assert.ok(activity > 0, JSON.stringify(person));
      const member = await search(page, "Mary Smith");
      assert.equal(member[0].href, deputy("mary-smith"), JSON.stringify(member));
      assert.equal(member.filter((r) => r.href.startsWith("../stations/mary-smith-")).length, 2, JSON.stringify(member));
    });
  });

  test("namesakes come first together, each telling where they were elected", async () => {
    await withSearch(async (page) => {
      for (const q of ["王刚", "wanggang"]) {
        const results = await search(page, q);
        const top = results.slice(0, 3);
        assert.deepEqual(top.map((r) => r.title), ["王刚", "王刚", "王刚"], `${q}: ${JSON.stringify(results)}`);
        assert.deepEqual(
          top.map((r) => r.href).sort(),
          [deputy("wang-gang-13"), deputy("wang-gang-bj"), deputy("wang-gang-pla")],
        );
        const metas = top.map((r) => r.meta);
        assert.equal(new Set(metas).size, 3, `${q}: namesakes not told apart: ${JSON.stringify(metas)}`);
        assert.ok(metas.some((m) => m.includes("中国人民解放军")), JSON.stringify(metas));
        assert.ok(metas.some((m) => m.includes("北京市")), JSON.stringify(metas));
      }
    });
  });
});
