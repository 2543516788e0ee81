// In-page measurements of the accessibility tests. `audit` runs inside the page (passed to
// `page.evaluate`), so it uses nothing from outside itself; it returns every violation it
// finds as { rule, target, detail }.
//
// What it measures, with computed styles and bounding boxes:
// - document: `lang` set; exactly one h1; no horizontal scrolling (scrollWidth <= innerWidth);
//   every <img> has alt text, and a deputy's photo (src ending in a photo of content/deputies)
//   has the deputy's name as its alt; the elder-mode switch is on the page and shown.
// - text (every visible element with text of its own, outside SVG charts):
//   size: elder mode >= 22 px everywhere; normal mode >= 18 px, except small print (class
//     meta/count/tag/badge/raw/as-of, table captions, chart tables, the poster's address line
//     and level labels) which may be >= 15 px;
//   line height >= 1.5 times the size (headings excepted: WCAG 1.4.12 is about paragraphs);
//   contrast of the text colour against the background it sits on (backgrounds composited up
//     the ancestors, opacity applied) >= 7:1 in elder mode, >= 4.5:1 in normal mode.
// - tap targets: links, buttons, inputs, selects and summaries >= 60x60 px in elder mode and
//   >= 44x44 px normally (the skip link measured while focused). Exempt, as WCAG 2.5.5
//   allows, are inline links in running text: <a> laid out `display: inline` whose block
//   holds other text (a link in the middle of a sentence of an editor's Markdown). A link
//   the theme gives a box of its own (inline-block, flex, block) is measured wherever it is;
//   the default theme gives one to every link outside prose, so in the demo nothing else is
//   exempt.
// - motion (elder mode): no running animations, no animation or transition on any element,
//   no smooth scrolling.
export function audit({ elder, tap, minText, minBody, minSmall, contrast, photos }) {
  const out = [];
  const add = (rule, el, detail) => out.push({ rule, target: describe(el), detail });

  function describe(el) {
    if (!el || el.nodeType !== 1) return String(el);
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    const cls = [...el.classList].slice(0, 2);
    if (cls.length) s += `.${cls.join(".")}`;
    const text = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("alt") || "")
      .replace(/\s+/g, " ").trim().slice(0, 24);
    return text ? `${s} "${text}"` : s;
  }
  function visible(el) {
    if (!el.getClientRects().length) return false;
    const cs = getComputedStyle(el);
    if (cs.visibility !== "visible") return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 && r.height <= 1) return false; // visually hidden (labels for screen readers)
    if (r.right <= 0 || r.left >= document.documentElement.scrollWidth) return false; // parked off-screen
    return true;
  }
  function rgba(s) {
    const m = s.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  }
  const over = (top, under) => {
    const a = top.a + under.a * (1 - top.a);
    if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
    const c = (k) => (top[k] * top.a + under[k] * under.a * (1 - top.a)) / a;
    return { r: c("r"), g: c("g"), b: c("b"), a };
  };
  function background(el) {
    const layers = [];
    let opacity = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const cs = getComputedStyle(e);
      opacity *= Number(cs.opacity);
      if (cs.backgroundImage !== "none") return null; // not a flat colour: not measured
      const c = rgba(cs.backgroundColor);
      if (c && c.a > 0) layers.push(c);
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (const c of layers.reverse()) bg = over(c, bg);
    return { bg, opacity };
  }
  const lum = ({ r, g, b }) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const hex = ({ r, g, b }) => "#" + [r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");

  // Document.
  const html = document.documentElement;
  if (!/^[a-z]{2,3}(-|$)/i.test(html.lang || "")) add("lang", html, `lang="${html.lang}"`);
  const h1s = document.querySelectorAll("h1");
  if (h1s.length !== 1) add("one-h1", h1s[1] || html, `${h1s.length} h1 elements`);
  if (html.scrollWidth > innerWidth) {
    const wide = [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5 && visible(e));
    add("horizontal-scroll", wide.find((e) => !wide.includes(e.parentElement)) || html, `scrollWidth ${html.scrollWidth} > ${innerWidth}`);
  }
  for (const img of document.images) {
    const alt = img.getAttribute("alt");
    if (alt === null) add("img-alt", img, `no alt: ${img.getAttribute("src")}`);
    const src = decodeURIComponent(new URL(img.src).pathname);
    for (const [photo, name] of Object.entries(photos)) {
      if (src.endsWith(`/${photo}`) && alt !== name) add("photo-alt", img, `alt "${alt}" is not the deputy's name "${name}"`);
    }
  }
  const switches = [...document.querySelectorAll("[data-elder]")];
  const shown = switches.filter(visible);
  if (shown.length !== 1) add("elder-switch", html, `${shown.length} elder-mode switches shown`);
  else if (shown[0].getAttribute("data-elder") !== (elder ? "0" : "1")) add("elder-switch", shown[0], `the switch shown is the wrong one in ${elder ? "elder" : "normal"} mode`);

  // Text: size, line height, contrast.
  const SMALL = ".meta, .count, .tag, .badge, .raw, .as-of, caption, .chart-data, .poster-url, .pf-level";
  const seen = new Set();
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest("svg, script, style, noscript, template")) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !visible(el)) continue;
    const cs = getComputedStyle(el);
    const fs = parseFloat(cs.fontSize);
    const small = !elder && el.closest(SMALL);
    const min = elder ? minText : small ? minSmall : minBody;
    if (fs + 0.01 < min) add("text-size", el, `${fs.toFixed(1)} px < ${min} px`);
    if (!el.closest("h1, h2, h3, h4, h5, h6")) {
      const lh = cs.lineHeight === "normal" ? NaN : parseFloat(cs.lineHeight) / fs;
      if (!(lh >= 1.5 - 0.01)) add("line-height", el, `line height ${cs.lineHeight} at ${fs.toFixed(1)} px (${lh.toFixed(2)}) < 1.5`);
    }
    const back = background(el);
    const fg = rgba(cs.color);
    if (!back || !fg) continue;
    const shownFg = over({ ...fg, a: fg.a * back.opacity }, back.bg);
    const r = ratio(shownFg, back.bg);
    const key = `${hex(shownFg)} on ${hex(back.bg)}`;
    if (r + 0.005 < contrast && !seen.has(key + describe(el))) {
      seen.add(key + describe(el));
      add("text-contrast", el, `${key} is ${r.toFixed(2)}:1 < ${contrast}:1`);
    }
  }

  // Tap targets.
  const CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button]";
  for (const el of document.querySelectorAll(CONTROLS)) {
    if (el.matches(".skip")) el.focus();
    if (!visible(el)) continue;
    const cs = getComputedStyle(el);
    if (el.tagName === "A" && cs.display === "inline") {
      let block = el.parentElement;
      while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      let other = "";
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.parentElement.closest("a, button")) other += n.textContent.trim();
      }
      if (other.length > 0) continue; // an inline link in a sentence or block of text
    }
    const r = el.getBoundingClientRect();
    if (r.width + 0.5 < tap || r.height + 0.5 < tap) add("tap-target", el, `${r.width.toFixed(0)}×${r.height.toFixed(0)} px < ${tap}×${tap}`);
    if (el.matches(".skip")) el.blur();
  }

  // Motion.
  if (elder) {
    if (document.getAnimations().length) add("motion", html, `${document.getAnimations().length} running animations`);
    if (getComputedStyle(html).scrollBehavior === "smooth") add("motion", html, "smooth scrolling");
    for (const el of document.querySelectorAll("*")) {
      const cs = getComputedStyle(el);
      const moves = cs.transitionDuration.split(",").some((d) => parseFloat(d) > 0);
      if (moves || cs.animationName !== "none") add("motion", el, `transition ${cs.transitionDuration}, animation ${cs.animationName}`);
    }
  }
  return out;
}

/** State of the focused element, for the keyboard walk. */
export function focused() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const cs = getComputedStyle(el);
  const ring = (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0 && !/rgba\([^)]*,\s*0\)/.test(cs.outlineColor))
    || (cs.boxShadow && cs.boxShadow !== "none");
  const r = el.getBoundingClientRect();
  let s = el.tagName.toLowerCase();
  if (el.id) s += `#${el.id}`;
  const cls = [...el.classList].slice(0, 2);
  if (cls.length) s += `.${cls.join(".")}`;
  const text = (el.textContent || el.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim().slice(0, 24);
  return {
    key: el.getAttribute("data-kb"),
    target: text ? `${s} "${text}"` : s,
    ring,
    outline: `${cs.outlineStyle} ${cs.outlineWidth}; box-shadow ${cs.boxShadow}`,
    inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
    href: el.getAttribute("href"),
  };
}

/** Mark every element a keyboard user should reach with `data-kb`; returns their targets. */
export function tabbable() {
  const SEL = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]";
  const list = [];
  for (const el of document.querySelectorAll(SEL)) {
    if (el.disabled || el.tabIndex < 0 || el.closest("[inert], [hidden]")) continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility !== "visible") continue;
    el.setAttribute("data-kb", String(list.length));
    let s = el.tagName.toLowerCase();
    if (el.id) s += `#${el.id}`;
    const cls = [...el.classList].slice(0, 2);
    if (cls.length) s += `.${cls.join(".")}`;
    const text = (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 24);
    list.push(text ? `${s} "${text}"` : s);
  }
  return list;
}
