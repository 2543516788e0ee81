// `lianluo serve` with many preview tabs, in chromium: a browser opens at most six HTTP/1.1
// connections to one host, and an event stream per tab used to hold one each, so the
// seventh tab never loaded. Twenty tabs must load, and a save must reload every one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM } from "./browser.mjs";

const BIN = process.env.LIANLUO_BIN;
let dir, server, base, browser;

before(async () => {
  if (!BIN) throw new Error("LIANLUO_BIN is not set: run these tests with `cargo test --test browser`");
  dir = mkdtempSync(join(tmpdir(), "lianluo-tabs-"));
  cpSync(join(process.cwd(), "content"), join(dir, "site"), {
    recursive: true,
    filter: (src) => !src.includes("/content/public"),
  });
  server = spawn(BIN, ["serve", join(dir, "site"), "--port", "0", "--as-of", "2026-11-23", "--out", join(dir, "out")], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  base = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: server.stdout });
    lines.on("line", (line) => {
      const m = line.match(/(http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) resolve(m[1]);
    });
    server.on("exit", (code) => reject(new Error(`lianluo serve exited with ${code}`)));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

after(async () => {
  await browser?.close();
  server?.kill("SIGINT");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("twenty preview tabs load, and one save reloads them all", async () => {
  const context = await browser.newContext();
  const pages = [];
  for (let i = 0; i < 20; i++) {
    const page = await context.newPage();
    await page.goto(base + "deputies/index.html", { timeout: 15000 });
    await page.evaluate(() => {
      window.__notReloaded = true;
    });
    pages.push(page);
  }
  // The twenty-first still loads at once.
  const extra = await context.newPage();
  const res = await extra.goto(base + "stations/index.html", { timeout: 15000 });
  assert.equal(res.status(), 200);

  // A save reloads every tab.
  const file = join(dir, "site", "pages", "about.md");
  writeFileSync(file, readFileSync(file, "utf8") + "\n\n又一段。\n");
  for (const [i, page] of pages.entries()) {
    await page.waitForFunction(() => window.__notReloaded === undefined, null, { timeout: 30000 }).catch(() => {
      assert.fail(`tab ${i + 1} of 20 was not reloaded`);
    });
  }
  await context.close();
});
