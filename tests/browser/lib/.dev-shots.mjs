// temporary dev helper (removed before hand-off)
import { start } from "../browser.mjs";
const [path, mode, n = "3", width = "375", h = "900"] = process.argv.slice(2);
const env = await start();
const ctx = await env.browser.newContext({ viewport: { width: +width, height: +h }, javaScriptEnabled: mode !== "nojs" });
if (mode === "elder") await ctx.addInitScript(() => localStorage.setItem("lianluo-elder", "1"));
const page = await ctx.newPage();
await page.goto(env.url(path) + (mode === "nojs" ? "#elder" : ""));
const H = await page.evaluate(() => document.documentElement.scrollHeight);
const name = path.replace(/\/index\.html$|\.html$/, "").replace(/[^a-z0-9]+/gi, "-") || "home";
for (let i = 0; i < +n && i * +h < H; i++) {
  await page.screenshot({ path: `/tmp/crops/${name}-${mode}-${width}-${i}.png`, fullPage: true, clip: { x: 0, y: i * +h, width: +width, height: Math.min(+h, H - i * +h) } });
}
console.log(name, H);
await env.close();
