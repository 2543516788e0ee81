// HTML validity (issue 9): every HTML file of the built demo — every page of every kind,
// the 404 page and the station posters included — passes the Nu HTML Checker (npm vnu-jar,
// run with the machine's Java) with no errors; warnings are allowed. Fails with every error:
// file, line, column, message and the markup around it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { siteDir } from "./browser.mjs";
import { PAGES } from "./lib/pages.mjs";

const require = createRequire(import.meta.url);

/** Every .html file under `dir`. */
function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
}

test("every page of the demo passes the Nu HTML Checker without errors", { timeout: 600000 }, (t) => {
  const java = spawnSync("java", ["-version"], { encoding: "utf8" });
  let jar = null;
  try {
    jar = join(dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
  } catch {}
  const why = java.error || java.status !== 0 ? "java is not installed (apt-get install default-jre-headless)"
    : !jar || !existsSync(jar) ? "tests/browser/node_modules/vnu-jar is missing (npm ci --prefix tests/browser --ignore-scripts)"
    : null;
  if (why) {
    // As tests/browser.rs does for the browser: scripts/test installs both and requires them.
    if (process.env.LIANLUO_REQUIRE_BROWSER) assert.fail(`LIANLUO_REQUIRE_BROWSER is set but ${why}`);
    t.skip(why);
    return;
  }
  const site = siteDir();
  const files = htmlFiles(site);
  // One page of every kind is among them (the 404 page is the file the server answers with).
  for (const p of PAGES) {
    const file = p.status === 404 ? "404.html" : p.path;
    assert.ok(files.includes(join(site, file)), `${file} (${p.kind}) was not built`);
  }
  const run = spawnSync("java", ["-Xss4m", "-jar", jar, "--errors-only", "--format", "json", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  let messages;
  try {
    ({ messages } = JSON.parse(run.stderr || run.stdout));
  } catch (e) {
    assert.fail(`the checker's output is not JSON (exit ${run.status}): ${e.message}\n${run.stderr}\n${run.stdout}`);
  }
  const errors = messages.filter((m) => m.type !== "info");
  const lines = errors.map((m) => {
    const file = m.url ? relative(site, decodeURIComponent(new URL(m.url).pathname)) : "?";
    return `  ${file}:${m.lastLine ?? "?"}:${m.firstColumn ?? m.lastColumn ?? "?"} · ${m.type}${m.subType ? `/${m.subType}` : ""} · ${m.message} · ${JSON.stringify(m.extract ?? "")}`;
  });
  assert.equal(errors.length, 0, `${errors.length} errors in ${files.length} files:\n${lines.join("\n")}`);
  t.diagnostic(`${files.length} files checked`);
});
