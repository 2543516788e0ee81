// The pages of the built demo the accessibility tests visit: one of every kind the theme
// renders, and facts about the demo they check against (deputies' names for photo alt text,
// the site's own address from site.yaml).
import { readFileSync, readdirSync } from "node:fs";

const CONTENT = new URL("../../../content/", import.meta.url);

/** One page of every kind; `main` pages also get a screenshot at phone width. */
export const PAGES = [
  { kind: "home", path: "index.html", main: true },
  { kind: "area", path: "areas/fengming/index.html", main: true },
  { kind: "village", path: "areas/yangjiazhuang/index.html" },
  { kind: "area directory", path: "areas/index.html" },
  { kind: "deputy", path: "deputies/li-xiuying/index.html", main: true },
  { kind: "deputy list", path: "deputies/index.html" },
  { kind: "unit", path: "units/pla/index.html" },
  { kind: "station", path: "stations/fengming-station/index.html", main: true },
  { kind: "station list", path: "stations/index.html" },
  { kind: "poster", path: "stations/fengming-station/poster/index.html", main: true },
  { kind: "calendar", path: "calendar/index.html", main: true },
  { kind: "activity list", path: "activities/index.html", main: true },
  { kind: "activity", path: "activities/2026-10-21-fengming-jiedai/index.html", main: true },
  { kind: "suggestions", path: "suggestions/index.html", main: true },
  { kind: "suggestion list", path: "suggestions/area/shiyi/index.html" },
  { kind: "suggestion", path: "suggestions/2025-017/index.html", main: true },
  { kind: "handler", path: "handlers/jiaotong/index.html", main: true },
  { kind: "handler ranking", path: "handlers/index.html" },
  { kind: "liaison group", path: "groups/chengguan-xiaozu/index.html" },
  { kind: "liaison groups", path: "groups/index.html" },
  { kind: "report-backs", path: "report-backs/index.html" },
  { kind: "free page", path: "about/index.html", main: true },
  { kind: "open data", path: "data/index.html" },
  { kind: "404", path: "no/such/page/", status: 404, main: true },
  { kind: "search", path: "search/index.html", main: true },
];

/** A file name for a page's screenshot: `deputy` → `deputy`, `free page` → `free-page`. */
export const slug = (kind) => kind.replace(/[^a-z0-9]+/gi, "-");

/** Front matter value `key: value` of a Markdown file (plain scalars only). */
function field(text, key) {
  const m = text.match(new RegExp(`^${key}:\\s*(.+?)\\s*(#.*)?$`, "m"));
  return m ? m[1].replace(/^["']|["']$/g, "") : null;
}

/** Photo path (relative to static/) → the deputy's name, from content/deputies/*.md. */
export function photoNames() {
  const dir = new URL("deputies/", CONTENT);
  const names = {};
  for (const f of readdirSync(dir)) {
    if (!f.endsWith(".md")) continue;
    const text = readFileSync(new URL(f, dir), "utf8");
    const photo = field(text, "photo");
    if (photo) names[photo] = field(text, "name");
  }
  return names;
}

/** The site's published address (site.yaml's base_url), where the 404 page's links point. */
export function baseUrl() {
  const text = readFileSync(new URL("site.yaml", CONTENT), "utf8");
  return field(text, "base_url");
}
