//! The UI languages (`language: zh-Hans | zh-Hant | en` in site.yaml): every translation
//! file has every key; the demo built in English has no Chinese outside its content, and
//! built in Traditional Chinese no Simplified UI string; dates, rules, `lang` attributes
//! and feeds follow the language; an unknown language is a located error.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{AS_OF, Built, build, copy_dir, demo, lianluo, sel, tempdir, text};

const LANGUAGES: [&str; 3] = ["zh-Hans", "zh-Hant", "en"];

/// The keys of a translation file, nested ones as `a.b`; a list's length counts as part
/// of its key (`weekday[8]`), so a list with a missing entry is a missing key too.
fn keys(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                keys(v, &key, out);
            }
        }
        serde_json::Value::Array(items) => {
            out.insert(format!("{prefix}[{}]", items.len()));
        }
        _ => {
            out.insert(prefix.to_owned());
        }
    }
}

fn translation(lang: &str) -> serde_json::Value {
    let path = common::repo().join(format!("themes/default/i18n/{lang}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{lang}.yaml: {e}"));
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{lang}.yaml: {e}"))
}

/// The languages of the built-in theme: one file per language in themes/default/i18n/.
fn theme_languages() -> Vec<String> {
    let dir = common::repo().join("themes/default/i18n");
    let mut langs: Vec<String> = std::fs::read_dir(&dir)
        .expect("themes/default/i18n")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".yaml").map(str::to_owned)
        })
        .collect();
    langs.sort();
    langs
}

#[test]
fn every_ui_key_exists_in_every_language() {
    let langs = theme_languages();
    for lang in LANGUAGES {
        assert!(
            langs.iter().any(|l| l == lang),
            "themes/default/i18n/{lang}.yaml is missing"
        );
    }
    let mut by_lang = BTreeMap::new();
    for lang in &langs {
        let mut set = BTreeSet::new();
        keys(&translation(lang), "", &mut set);
        by_lang.insert(lang.clone(), set);
    }
    let all: BTreeSet<&String> = by_lang.values().flatten().collect();
    let mut report = String::new();
    for (lang, set) in &by_lang {
        let missing: Vec<&str> = all
            .iter()
            .filter(|k| !set.contains(**k))
            .map(|k| k.as_str())
            .collect();
        if !missing.is_empty() {
            let with: Vec<&str> = by_lang
                .iter()
                .filter(|(_, s)| missing.iter().any(|k| s.contains(*k)))
                .map(|(l, _)| l.as_str())
                .collect();
            report.push_str(&format!(
                "\nthemes/default/i18n/{lang}.yaml lacks {} key(s) that {} {}:\n  {}\n",
                missing.len(),
                with.join(", "),
                if with.len() == 1 { "has" } else { "have" },
                missing.join("\n  ")
            ));
        }
    }
    assert!(
        report.is_empty(),
        "every UI string must exist in every language (a list counts with its length):{report}"
    );
}

/// Ideographs (CJK unified, extensions, compatibility).
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// The maximal runs of Han characters in `text`.
fn han_runs(text: &str) -> Vec<String> {
    let mut runs = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if is_han(c) {
            cur.push(c);
        } else if !cur.is_empty() {
            runs.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    runs
}

/// What the editor wrote: every Han run of every text file of the site's source. A run
/// in the output is content when it is made of such runs (content lines are joined,
/// split by markup or by line folding in calendars and contact cards).
struct Content(BTreeSet<String>);

impl Content {
    fn of(site: &Path) -> Self {
        let mut runs = BTreeSet::new();
        for rel in common::files(site)
            .into_iter()
            .filter(|r| !r.starts_with("public/"))
        {
            if let Ok(text) = std::fs::read_to_string(site.join(&rel)) {
                runs.extend(han_runs(&text));
            }
        }
        Content(runs)
    }

    /// Whether `run` splits into content runs, or is one character of one (the initial of
    /// a name on a poster, a family name in a vCard's `N:` field).
    fn covers(&self, run: &str) -> bool {
        let chars: Vec<char> = run.chars().collect();
        if chars.len() == 1 && self.0.iter().any(|r| r.contains(chars[0])) {
            return true;
        }
        let mut reach = vec![false; chars.len() + 1];
        reach[0] = true;
        for i in 0..chars.len() {
            if !reach[i] {
                continue;
            }
            let mut piece = String::new();
            for (j, &c) in chars.iter().enumerate().skip(i) {
                piece.push(c);
                if self.0.contains(&piece) {
                    reach[j + 1] = true;
                }
            }
        }
        reach[chars.len()]
    }

    /// The characters of `run` outside every piece of it (two characters or more) that is
    /// a content run: in Chinese, UI words join content without a break (示例县的意见建议).
    fn residue(&self, run: &str) -> String {
        let chars: Vec<char> = run.chars().collect();
        let mut covered = vec![false; chars.len()];
        for i in 0..chars.len() {
            let mut piece = String::new();
            for (j, &c) in chars.iter().enumerate().skip(i) {
                piece.push(c);
                if j > i && self.0.contains(&piece) {
                    covered[i..=j].iter_mut().for_each(|x| *x = true);
                }
            }
        }
        chars
            .iter()
            .zip(covered)
            .filter(|(_, c)| !c)
            .map(|(ch, _)| *ch)
            .collect()
    }
}

/// The text of every output file people or programs read (pages, feeds, calendars,
/// contact cards, open data), with folded lines unfolded; not the search index.
fn output_texts(out: &Path) -> Vec<(String, String)> {
    let kinds = [
        ".html", ".xml", ".ics", ".vcf", ".json", ".csv", ".js", ".txt",
    ];
    common::files(out)
        .into_iter()
        .filter(|rel| !rel.starts_with("pagefind/") && kinds.iter().any(|k| rel.ends_with(k)))
        .filter_map(|rel| {
            let text = std::fs::read_to_string(out.join(&rel)).ok()?;
            let mut text = text.replace("\r\n ", "").replace("\r\n\t", "");
            if rel.ends_with(".vcf") {
                // `N:` splits the name into family and given name: parts of content.
                text = text
                    .lines()
                    .filter(|l| !l.starts_with("N:"))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
            Some((rel, text))
        })
        .collect()
}

/// Han runs of the output that are not content: (run, first file it is in), most files first.
fn ui_han(content: &Content, out: &Path) -> Vec<(String, String, usize)> {
    let mut found: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for (rel, text) in output_texts(out) {
        for run in han_runs(&text) {
            if !content.covers(&run) {
                let e = found.entry(run).or_insert_with(|| (rel.clone(), 0));
                e.1 += 1;
            }
        }
    }
    let mut list: Vec<_> = found.into_iter().map(|(r, (f, n))| (r, f, n)).collect();
    list.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    list
}

/// The demo with `language:` set to `lang`, built.
fn demo_in(lang: &str) -> (Built, tempfile::TempDir) {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&demo(), &site);
    let yaml = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    let yaml = yaml.replace("language: zh-Hans", &format!("language: {lang}"));
    assert!(yaml.contains(&format!("language: {lang}")));
    std::fs::write(site.join("site.yaml"), yaml).expect("write site.yaml");
    (build(&site, AS_OF), tmp)
}

#[test]
fn english_demo_has_no_han_characters_outside_the_content() {
    let (site, _tmp) = demo_in("en");
    let content = Content::of(&demo());
    let found = ui_han(&content, &site.out);
    let shown: Vec<String> = found
        .iter()
        .take(40)
        .map(|(run, file, n)| format!("  {run}  ({n}×, first in {file})"))
        .collect();
    assert!(
        found.is_empty(),
        "{} Chinese UI string(s) in the English build (not in content/): translate them in \
         themes/default/i18n/en.yaml or move them out of the Rust code:\n{}",
        found.len(),
        shown.join("\n")
    );
    // The language is declared where readers and programs look for it.
    let home = site.text("index.html");
    assert!(home.contains(r#"<html lang="en""#), "html lang");
    assert!(
        site.text("feed.xml").contains(r#"xml:lang="en""#),
        "feed xml:lang"
    );
    assert!(
        home.contains(r#""knowsLanguage":"en""#),
        "JSON-LD of the home page"
    );
    let activity = common::html_files(&site.out)
        .into_iter()
        .find(|f| f.starts_with("activities/") && f.matches('/').count() == 2)
        .expect("an activity page");
    assert!(
        site.text(&activity).contains(r#""inLanguage":"en""#),
        "JSON-LD of {activity}"
    );
}

#[test]
fn english_demo_phrases_dates_and_rules_in_english() {
    let (site, _tmp) = demo_in("en");
    let page = site.page("stations/chengguan-station/index.html");
    let rules: Vec<String> = page.select(&sel("ul.rules li")).map(text).collect();
    assert!(
        rules
            .iter()
            .any(|r| r.contains("first Friday of each month 09:00–11:30")),
        "{rules:?}"
    );
    assert!(
        rules.iter().any(|r| r.contains("(from 1 January 2025)")),
        "{rules:?}"
    );
    // One day, many days: plurals agree with the number.
    let all = output_texts(&site.out);
    let plural_mistakes: Vec<&String> = all
        .iter()
        .filter(|(_, t)| {
            t.contains(" 1 days") || t.contains(">1</span> days") || t.contains(" 1 people")
        })
        .map(|(f, _)| f)
        .collect();
    assert!(plural_mistakes.is_empty(), "{plural_mistakes:?}");
}

/// Characters that exist only in Simplified Chinese (their Traditional forms differ):
/// enough to catch a Simplified UI string in a Traditional build.
const SIMPLIFIED_ONLY: &str = "们这说话时间国会议设计办结满评级区乡镇县务单处东书买乐习专业丝两严个临为丽举义乐亏亚产亲亿仅从仓仪众优会伟传伤伦伪体侦侧侨俩债储儿关兴养内冈册写军农冲决况冻净减凤凭击则刚创删别剂剧劝办务动励劳势区医华协单卖卫厅历压县参双发变号吗启员响团园围图圆场坏块坚坛坝垦墙壮声备复够头夺奋奖妇妈学宁宝实审宪宽宾对寻导寿将尔层属岁岗岛币帅师帐带帮库应庙开异弃张弯归当录彻径忆忧怀态总恋恶惊惯战户执扩扫扬扰抚抢护报担拟择挡挤挥损换摄摆敌数断无旧时显晓暂术机杀杂权条来极构枪标栏树样档桥梦检楼欢欧残气汇汉汤沟没泽洁浅测济浓涛润涨渐湾湿满灭灵灾炉点炼烟烦烧热爱牵犹独环现电画畅疗盖盘码础确碍礼离种积称稳穷竞笔简粮纠红纪约级纬纯纲纳纵纷纸线练组细织终经结绕绘给络绝统继绩续维综绿编缘缩网罗职肤胁脑脚艺节苏药获营萧蓝虑补装见观规视览觉计订认讨让训议讯记讲许论设访证评识诉词译试询该详语误请诸读课谁调谈谢质贫购贯贵费资赋赛赞赶践车轨转轮软轻载较辅辆辑输辖边达迁过运还进远违连迟适选递遗邮邻释钟钢钱铁银错键长门闭问间阅队阳阴阵阶际陆陈险随隐难页顶项顺须顾预领频题额风飞饭馆验鸣黄齐龙";

#[test]
fn traditional_translation_uses_no_simplified_characters() {
    let mut values = BTreeSet::new();
    fn strings(v: &serde_json::Value, key: &str, out: &mut BTreeSet<(String, String)>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    strings(x, &format!("{key}.{k}"), out);
                }
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, key, out)),
            serde_json::Value::String(s) => {
                out.insert((key.to_owned(), s.clone()));
            }
            _ => {}
        }
    }
    strings(&translation("zh-Hant"), "", &mut values);
    let bad: Vec<String> = values
        .iter()
        .filter(|(_, s)| s.chars().any(|c| SIMPLIFIED_ONLY.contains(c)))
        .map(|(k, s)| format!("  {k}: {s}"))
        .collect();
    assert!(
        bad.is_empty(),
        "Simplified characters in zh-Hant.yaml:\n{}",
        bad.join("\n")
    );
}

#[test]
fn traditional_demo_has_no_simplified_ui_strings() {
    let (site, _tmp) = demo_in("zh-Hant");
    let content = Content::of(&demo());
    let bad: Vec<String> = ui_han(&content, &site.out)
        .into_iter()
        .filter(|(run, _, _)| {
            content
                .residue(run)
                .chars()
                .any(|c| SIMPLIFIED_ONLY.contains(c))
        })
        .take(40)
        .map(|(run, file, n)| format!("  {run}  ({n}×, first in {file})"))
        .collect();
    assert!(
        bad.is_empty(),
        "Simplified UI strings in the Traditional build:\n{}",
        bad.join("\n")
    );
    let home = site.text("index.html");
    assert!(home.contains(r#"<html lang="zh-Hant""#));
    let page = site.page("stations/chengguan-station/index.html");
    let rules: Vec<String> = page.select(&sel("ul.rules li")).map(text).collect();
    assert!(
        rules.iter().any(|r| r.contains("每月第一個星期五")),
        "{rules:?}"
    );
    // The nav says 聯絡站, the content keeps the editor's 联络站.
    assert!(home.contains("聯絡站"));
    assert!(
        page.select(&sel("h1"))
            .map(text)
            .any(|h| h.contains("联络站"))
    );
}

#[test]
fn the_guard_of_the_english_build_sees_a_chinese_ui_string() {
    // The check above must be able to fail: a UI run not in the content is reported,
    // content runs (joined, or split by markup) are not.
    let content = Content(
        [
            "城关镇".to_owned(),
            "联络站".to_owned(),
            "李秀英".to_owned(),
        ]
        .into(),
    );
    assert!(content.covers("城关镇联络站"));
    assert!(content.covers("李"));
    assert!(!content.covers("值班代表"));
    assert!(!content.covers("城关镇值班"));
    assert_eq!(content.residue("城关镇的意见建议"), "的意见建议");
    assert_eq!(content.residue("城关镇聯絡站"), "聯絡站");
}

#[test]
fn an_unknown_language_is_a_located_error_naming_the_supported_ones() {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&common::case("valid"), &site);
    let yaml = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    std::fs::write(
        site.join("site.yaml"),
        yaml.replace("language: zh-Hans", "language: fr"),
    )
    .expect("write");
    let out = lianluo().arg("check").arg(&site).output().expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("site.yaml:4:11"), "{err}");
    for lang in LANGUAGES {
        assert!(err.contains(lang), "{err}");
    }
}

/// The demo as a bilingual site: `languages: [zh-Hans, en]`.
fn bilingual_demo() -> (Built, tempfile::TempDir) {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&demo(), &site);
    let yaml = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    let yaml = yaml.replace("language: zh-Hans", "languages: [zh-Hans, en]");
    std::fs::write(site.join("site.yaml"), yaml).expect("write site.yaml");
    (build(&site, AS_OF), tmp)
}

/// `href` (relative) seen from the output file `from`, as an output path.
fn resolve(from: &str, href: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[test]
fn bilingual_demo_builds_the_second_language_under_its_code_with_a_switcher_to_the_same_page() {
    let (site, _tmp) = bilingual_demo();
    assert!(site.text("index.html").contains(r#"<html lang="zh-Hans""#));
    assert!(site.text("en/index.html").contains(r#"<html lang="en""#));
    // Every page of both trees links to the same page in the other language.
    let mut checked = 0;
    for rel in common::html_files(&site.out) {
        if rel.ends_with("404.html") || rel.contains("/poster/") {
            continue;
        }
        let page = site.page(&rel);
        let links: Vec<(String, String)> = page
            .select(&sel("nav.lang-switch a"))
            .map(|a| {
                let v = a.value();
                (
                    v.attr("hreflang").unwrap_or("").to_owned(),
                    v.attr("href").unwrap_or("").to_owned(),
                )
            })
            .collect();
        let (want_lang, same) = match rel.strip_prefix("en/") {
            Some(inner) => ("zh-Hans", inner.to_owned()),
            None => ("en", format!("en/{rel}")),
        };
        assert_eq!(links.len(), 1, "{rel}: {links:?}");
        assert_eq!(links[0].0, want_lang, "{rel}");
        assert_eq!(resolve(&rel, &links[0].1), same, "{rel}: {}", links[0].1);
        assert!(
            site.out.join(&same).is_file(),
            "{rel} links to {same}, not built"
        );
        checked += 1;
    }
    assert!(checked > 300, "{checked} pages");
    // hreflang alternates name both addresses; the sitemap lists both trees.
    let deputy = site.text("deputies/li-xiuying/index.html");
    for alt in [
        r#"hreflang="zh-Hans" href="https://rd.example.gov.cn/deputies/li-xiuying/""#,
        r#"hreflang="en" href="https://rd.example.gov.cn/en/deputies/li-xiuying/""#,
    ] {
        assert!(deputy.contains(alt), "{alt}");
    }
    let sitemap = site.text("sitemap.xml");
    assert!(sitemap.contains("<loc>https://rd.example.gov.cn/deputies/li-xiuying/</loc>"));
    assert!(sitemap.contains("<loc>https://rd.example.gov.cn/en/deputies/li-xiuying/</loc>"));
    assert!(site.text("en/deputies/li-xiuying/index.html").contains(
        r#"<link rel="canonical" href="https://rd.example.gov.cn/en/deputies/li-xiuying/">"#
    ));
}

#[test]
fn bilingual_demo_shows_untranslated_names_in_pinyin_with_the_chinese_beside_them() {
    let (site, _tmp) = bilingual_demo();
    let h1 = |rel: &str| {
        let page = site.page(rel);
        page.select(&sel("h1"))
            .next()
            .map(|e| e.html())
            .unwrap_or_default()
    };
    assert_eq!(
        h1("en/deputies/li-xiuying/index.html"),
        r#"<h1>Li Xiuying <span lang="zh">李秀英</span></h1>"#
    );
    // The editor's `pinyin:` wins over the reading of the characters (单 read shàn).
    assert!(h1("en/deputies/shan-lihua/index.html").starts_with("<h1>Shan Lihua "));
    assert_eq!(h1("deputies/li-xiuying/index.html"), "<h1>李秀英</h1>");
    assert!(
        site.out.join("en/pagefind").is_dir(),
        "the English tree has its search"
    );
}

#[test]
fn languages_that_disagree_or_repeat_are_located_errors() {
    for (yaml, message) in [
        (
            "languages: [zh-Hans, en, en]",
            "`en` is listed twice in `languages`",
        ),
        (
            "language: en\nlanguages: [zh-Hans, en]",
            "differs from the first of `languages`",
        ),
    ] {
        let tmp = tempdir();
        let site = tmp.path().join("site");
        copy_dir(&common::case("valid"), &site);
        let text = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
        std::fs::write(
            site.join("site.yaml"),
            text.replace("language: zh-Hans", yaml),
        )
        .expect("write");
        let out = lianluo().arg("check").arg(&site).output().expect("run");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{yaml}");
        assert!(
            err.contains(message) && err.contains("site.yaml:"),
            "{yaml}: {err}"
        );
    }
}

#[test]
fn a_name_in_a_minority_script_is_shown_beside_the_chinese_with_its_language_and_direction() {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&common::case("valid"), &site);
    let deputy = |name: &str, native: &str| {
        format!(
            "---\nname: {name}\nname_native: {native}\nlevel: national\nelected_by: pla\n---\n代表。\n"
        )
    };
    for (id, name, native) in [
        ("abdulla", "阿卜杜拉", "ئابدۇللا"),
        ("tashi", "扎西", "བཀྲ་ཤིས"),
        ("batu", "巴图", "ᠪᠠᠲᠦ"),
    ] {
        std::fs::write(site.join(format!("deputies/{id}.md")), deputy(name, native))
            .expect("write");
    }
    let built = build(&site, AS_OF);
    let span = |id: &str| {
        let page = built.page(&format!("deputies/{id}/index.html"));
        page.select(&sel("h1 span.name-native"))
            .next()
            .map(|e| {
                let v = e.value();
                (
                    v.attr("lang").unwrap_or("").to_owned(),
                    v.attr("dir").unwrap_or("").to_owned(),
                    text(e),
                )
            })
            .unwrap_or_default()
    };
    let own = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(span("abdulla"), own("ug", "rtl", "ئابدۇللا"));
    assert_eq!(span("tashi"), own("bo", "", "བཀྲ་ཤིས"));
    assert_eq!(span("batu"), own("mn-Mong", "", "ᠪᠠᠲᠦ"));
    // A name in another script is a located error.
    std::fs::write(site.join("deputies/batu.md"), deputy("巴图", "Batu")).expect("write");
    let out = lianluo().arg("check").arg(&site).output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("deputies/batu.md:3:")
            && err.contains("not in the Uyghur, Tibetan or Mongolian script"),
        "{err}"
    );
}

/// The `translated` fixture (the `valid` site as `languages: [zh-Hans, en]`, some content
/// given per language), built.
fn translated() -> Built {
    build(&common::case("translated"), AS_OF)
}

/// The inner HTML of the first element `css` selects on the page `rel`.
fn first_html(site: &Built, rel: &str, css: &str) -> String {
    site.page(rel)
        .select(&sel(css))
        .next()
        .map(|e| e.inner_html())
        .unwrap_or_else(|| panic!("{rel}: no {css}"))
}

#[test]
fn content_given_per_language_is_shown_in_the_tree_of_each_language() {
    let site = translated();
    // Names, titles, addresses and area names in each tree.
    for (rel, zh, en) in [
        ("deputies/li-xian/index.html", "李县英", "Li Xianying-Smith"),
        (
            "stations/dongcheng-station/index.html",
            "东城镇人大代表联络站",
            "Dongcheng Deputies' Liaison Station",
        ),
        ("areas/dongcheng/index.html", "东城镇", "Dongcheng Town"),
        (
            "activities/2025-03-07-dongcheng-jiedai/index.html",
            "东城镇联络站三月接待日",
            "March reception day at Dongcheng",
        ),
        ("about/index.html", "关于我们", "About us"),
    ] {
        assert_eq!(first_html(&site, rel, "h1"), zh, "{rel}");
        let english = first_html(&site, &format!("en/{rel}"), "h1");
        assert!(english.starts_with(en), "en/{rel}: {english}");
    }
    // A translated name keeps the Chinese beside it (and is not put into pinyin).
    assert_eq!(
        first_html(&site, "en/deputies/li-xian/index.html", "h1"),
        r#"Li Xianying-Smith <span lang="zh">李县英</span>"#
    );
    let station = site.text("en/stations/dongcheng-station/index.html");
    assert!(station.contains("Ground floor, Dongcheng Town Hall"));
    assert!(!station.contains("东城镇人民政府一楼"));
    assert!(
        site.text("stations/dongcheng-station/index.html")
            .contains("东城镇人民政府一楼")
    );
    let deputy = site.text("en/deputies/li-xian/index.html");
    assert!(deputy.contains("Party Secretary, Heping Community"));
    // The body from li-xian.en.md, not the Chinese one.
    assert!(
        deputy
            .contains("<p>Li Xianying-Smith has worked in Heping Community for twenty years.</p>")
    );
    assert!(!deputy.contains("李县英在和平社区工作二十年"));
    assert!(
        site.text("deputies/li-xian/index.html")
            .contains("李县英在和平社区工作二十年")
    );
    assert!(
        site.text("en/about/index.html")
            .contains("This site is run by the Standing Committee")
    );
    // Lists show the translations too.
    let stations = site.text("en/stations/index.html");
    assert!(
        stations.contains("Dongcheng Deputies&#39; Liaison Station"),
        "{stations}"
    );
    assert!(site.text("en/areas/index.html").contains("Dongcheng Town"));
    // The site's title per language; its publisher, given once, marked as Chinese.
    assert_eq!(
        first_html(&site, "en/index.html", "a.brand"),
        "Ceshi County Deputies Online"
    );
    assert_eq!(
        first_html(&site, "index.html", "a.brand"),
        "测试县人大代表联络网"
    );
    assert!(
        site.text("en/about/index.html")
            .contains(r#"<p><span lang="zh-Hans">测试县人民代表大会常务委员会</span></p>"#)
    );
    // A guest's office, translated where the editor gave it, marked where not.
    let guests = first_html(
        &site,
        "en/activities/2025-05-12-daolu-shicha/index.html",
        "p.guests",
    );
    assert!(guests.contains("Member of the county CPPCC"), "{guests}");
    assert!(
        guests.contains(r#"<span lang="zh-Hans">县党代表</span>"#),
        "{guests}"
    );
    let guests = first_html(
        &site,
        "activities/2025-05-12-daolu-shicha/index.html",
        "p.guests",
    );
    assert!(
        guests.contains("县政协委员") && !guests.contains("CPPCC"),
        "{guests}"
    );
    // The translations file nowhere in the first tree.
    for (rel, _) in output_texts(&site.out)
        .iter()
        .filter(|(r, _)| !r.starts_with("en/"))
    {
        let text = site.text(rel);
        assert!(!text.contains("Dongcheng Town"), "{rel}");
        assert!(!text.contains("Li Xianying-Smith"), "{rel}");
    }
}

#[test]
fn untranslated_text_in_the_english_tree_carries_the_language_it_is_written_in() {
    let site = translated();
    // No translation: the element says it is Chinese, so screen readers switch voice.
    assert_eq!(
        first_html(&site, "en/stations/xihe-home/index.html", "h1"),
        r#"<span lang="zh-Hans">西河乡代表之家</span>"#
    );
    let home = site.page("en/stations/xihe-home/index.html");
    let address = home
        .select(&sel("dd span[lang=zh-Hans]"))
        .map(|e| e.inner_html())
        .collect::<Vec<_>>();
    assert!(
        address.contains(&"西河乡人民政府院内".to_owned()),
        "{address:?}"
    );
    let body = first_html(&site, "en/stations/xihe-home/index.html", "section.prose");
    assert!(
        body.starts_with(r#"<div lang="zh-Hans"><p>每周二下午接待。</p>"#),
        "{body}"
    );
    assert_eq!(
        first_html(&site, "en/areas/xihe/index.html", "h1"),
        r#"<span lang="zh-Hans">西河乡</span>"#
    );
    // Every Han character of an English page's content area is inside an element that
    // says it is Chinese.
    for rel in common::html_files(&site.out).into_iter().filter(|r| {
        r.starts_with("en/")
            && (r.contains("/stations/") || r.contains("/areas/") || r.contains("/activities/"))
    }) {
        let page = site.page(&rel);
        let Some(main) = page.select(&sel("main h1")).next() else {
            continue;
        };
        let marked: String = main
            .select(&sel("[lang^=zh]"))
            .flat_map(|e| e.text())
            .collect();
        let all: String = main.text().collect();
        let han = |s: &str| s.chars().filter(|&c| is_han(c)).count();
        assert_eq!(han(&all), han(&marked), "{rel}: {}", main.html());
    }
    // Translated text is not marked; the first tree marks nothing.
    assert_eq!(
        first_html(&site, "en/stations/dongcheng-station/index.html", "h1"),
        "Dongcheng Deputies' Liaison Station"
    );
    for rel in common::html_files(&site.out)
        .into_iter()
        .filter(|r| !r.starts_with("en/"))
    {
        assert!(
            !site.text(&rel).contains(r#"<span lang="zh-Hans">"#),
            "{rel}"
        );
    }
}

#[test]
fn group_handler_constituency_and_unit_names_are_shown_per_language() {
    let site = translated();
    // Translated in groups.yaml, handlers.yaml and areas.yaml: the English in /en/ only.
    for (rel, zh, en) in [
        (
            "groups/dongcheng-xiaozu/index.html",
            "东城镇代表小组",
            "Dongcheng Town Deputies' Group",
        ),
        (
            "handlers/jiaotong/index.html",
            "县交通运输局",
            "County Transport Bureau",
        ),
    ] {
        assert_eq!(first_html(&site, rel, "h1"), zh, "{rel}");
        assert_eq!(
            first_html(&site, &format!("en/{rel}"), "h1"),
            en,
            "en/{rel}"
        );
    }
    let deputy = site.text("en/deputies/li-xian/index.html");
    assert!(deputy.contains("Ceshi County Constituency 1"), "{deputy}");
    assert!(!deputy.contains("测试县第一选区"));
    assert!(
        site.text("deputies/li-xian/index.html")
            .contains("测试县第一选区")
    );
    let deputies = site.text("en/deputies/index.html");
    assert!(deputies.contains("PLA and People&#39;s Armed Police"));
    assert!(!deputies.contains("中国人民解放军和中国人民武装警察部队"));
    assert!(
        site.text("en/groups/index.html")
            .contains("Dongcheng Town Deputies&#39; Group")
    );
    assert!(
        site.text("en/handlers/index.html")
            .contains("County Transport Bureau")
    );
    // Given once: shown as written, marked as Chinese, wherever it appears.
    for (rel, css, zh) in [
        ("en/groups/xihe-xiaozu/index.html", "h1", "西河乡代表小组"),
        ("en/handlers/zhujian/index.html", "h1", "县住房和城乡建设局"),
    ] {
        assert_eq!(
            first_html(&site, rel, css),
            format!(r#"<span lang="zh-Hans">{zh}</span>"#),
            "{rel}"
        );
    }
    assert!(
        site.text("en/groups/index.html")
            .contains(r#"<span lang="zh-Hans">西河乡代表小组</span>"#)
    );
    assert!(
        site.text("en/deputies/zhou-xian/index.html")
            .contains(r#"<span lang="zh-Hans">测试县第二选区</span>"#)
    );
    assert!(
        site.text("en/handlers/index.html")
            .contains(r#"<span lang="zh-Hans">县住房和城乡建设局</span>"#)
    );
    // The first tree has none of the English.
    for (rel, _) in output_texts(&site.out)
        .iter()
        .filter(|(r, _)| !r.starts_with("en/"))
    {
        let text = site.text(rel);
        for en in [
            "Deputies' Group",
            "Deputies&#39; Group",
            "County Transport Bureau",
            "Constituency 1",
            "Armed Police",
        ] {
            assert!(!text.contains(en), "{rel}: {en}");
        }
    }
}

/// `check` of the `translated` fixture with `file` changed by `edit`: its stderr and success.
fn check_translated_with(file: &str, edit: impl Fn(&str) -> String) -> (String, bool) {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&common::case("translated"), &site);
    let path = site.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, edit(&text)).expect("write");
    let out = lianluo()
        .arg("check")
        .arg("--as-of")
        .arg(AS_OF)
        .arg(&site)
        .output()
        .expect("run");
    (
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

#[test]
fn a_text_per_language_without_the_first_language_or_with_an_unknown_one_is_a_located_error() {
    let (err, ok) = check_translated_with("deputies/li-xian.md", |t| {
        t.replace(
            "name: { zh-Hans: 李县英, en: Li Xianying-Smith }",
            "name: { en: Li Xianying-Smith }",
        )
    });
    assert!(!ok);
    assert!(
        err.contains("this text has no `zh-Hans`, the site's first language (given: en)")
            && err.contains("deputies/li-xian.md:2:")
            && err.contains("add `zh-Hans: …`"),
        "{err}"
    );
    let (err, ok) = check_translated_with("areas.yaml", |t| {
        t.replace("en: Dongcheng Town", "fr: Ville de Dongcheng")
    });
    assert!(!ok);
    assert!(
        err.contains("`fr` is not an allowed value here")
            && err.contains("areas.yaml:")
            && err.contains("zh-Hans, zh-Hant, en"),
        "{err}"
    );
    // A translated body has no front matter of its own.
    let (err, ok) = check_translated_with("pages/about.en.md", |t| {
        format!("---\ntitle: About\n---\n{t}")
    });
    assert!(!ok);
    assert!(
        err.contains("a translation has no front matter of its own")
            && err.contains("pages/about.en.md:1:1"),
        "{err}"
    );
    // A translation beside no item file is ignored, with a warning.
    let (err, ok) = check_translated_with("stations/nowhere.en.md", |_| "Nothing.\n".into());
    assert!(ok, "{err}");
    assert!(
        err.contains("stations/nowhere.en.md")
            && err.contains("this translation is ignored: there is no nowhere.md beside it"),
        "{err}"
    );
}

#[test]
fn a_text_per_language_shows_the_site_language_on_a_site_in_one_language() {
    let tmp = tempdir();
    let site = tmp.path().join("site");
    copy_dir(&common::case("translated"), &site);
    let yaml = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    std::fs::write(
        site.join("site.yaml"),
        yaml.replace("languages: [zh-Hans, en]", "language: zh-Hans"),
    )
    .expect("write");
    let built = build(&site, AS_OF);
    assert_eq!(
        first_html(&built, "deputies/li-xian/index.html", "h1"),
        "李县英"
    );
    assert!(!built.exists("en/index.html"));
    assert!(
        !built
            .text("stations/xihe-home/index.html")
            .contains("lang=\"zh-Hans\">")
    );
}

#[test]
fn a_text_in_a_language_the_site_does_not_publish_is_a_warning_at_its_key() {
    // On a site in zh-Hans only, every `en:` of the fixture is shown nowhere.
    let (err, ok) = check_translated_with("site.yaml", |t| {
        t.replace("languages: [zh-Hans, en]", "language: zh-Hans")
    });
    assert!(ok, "{err}");
    assert!(
        err.contains("warning: this site publishes only zh-Hans; the en text is not used"),
        "{err}"
    );
    // At the map's key (`en:`), in each file that gives one.
    for at in [
        "activities/2025/2025-03-07-dongcheng-jiedai.md:2:32",
        "areas.yaml:5:44",
        "handlers.yaml:2:46",
        "groups.yaml:4:31",
        "site.yaml:3:31",
    ] {
        assert!(err.contains(at), "{at}: {err}");
    }
    assert!(
        err.contains("write `languages: [zh-Hans, en]` in site.yaml (instead of `language:`)"),
        "{err}"
    );
    // A bilingual site warns about a third language only.
    let (err, ok) = check_translated_with("handlers.yaml", |t| {
        t.replace(
            "en: County Transport Bureau",
            "en: County Transport Bureau, zh-Hant: 縣交通運輸局",
        )
    });
    assert!(ok, "{err}");
    assert!(
        err.contains("this site publishes only zh-Hans, en; the zh-Hant text is not used"),
        "{err}"
    );
    assert!(err.contains("handlers.yaml:2:"), "{err}");
    assert!(err.contains("`languages: [zh-Hans, en, zh-Hant]`"), "{err}");
    assert_eq!(err.matches("text is not used").count(), 1, "{err}");
}

#[test]
fn a_reception_topic_is_shown_per_language_on_pages_posters_and_calendars() {
    let site = translated();
    for rel in [
        "stations/dongcheng-station/index.html",
        "stations/dongcheng-station/poster/index.html",
        "stations/dongcheng-station/calendar.ics",
        "calendar/index.html",
        "deputies/li-xian/index.html",
    ] {
        let zh = site.text(rel);
        assert!(zh.contains("乡村振兴专题接待"), "{rel}");
        assert!(!zh.contains("Rural revitalisation"), "{rel}");
        let en = site.text(&format!("en/{rel}"));
        assert!(en.contains("Rural revitalisation"), "en/{rel}");
        assert!(!en.contains("乡村振兴专题接待"), "en/{rel}");
    }
    // Given once: shown as written, marked as Chinese.
    let home = site.text("en/stations/xihe-home/index.html");
    assert!(
        home.contains(r#"<span lang="zh-Hans">民生实事专题</span>"#),
        "{home}"
    );
    assert!(
        !site
            .text("stations/xihe-home/index.html")
            .contains(r#"<span lang="zh-Hans">"#)
    );
}

/// The JSON-LD of the page `rel`.
fn jsonld(site: &Built, rel: &str) -> serde_json::Value {
    let page = site.page(rel);
    let script = page
        .select(&sel(r#"script[type="application/ld+json"]"#))
        .next()
        .unwrap_or_else(|| panic!("{rel}: no JSON-LD"))
        .inner_html();
    serde_json::from_str(&script).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn json_ld_speaks_the_language_of_its_tree() {
    let site = translated();
    let served = |rel: &str| -> Vec<String> {
        jsonld(&site, rel)["areaServed"]
            .as_array()
            .expect("areaServed")
            .iter()
            .map(|a| a["additionalType"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    // The kinds of areas are the UI's words for them, in each tree.
    assert_eq!(
        served("stations/dongcheng-station/index.html"),
        ["社区", "村"]
    );
    assert_eq!(
        served("en/stations/dongcheng-station/index.html"),
        ["Community", "Village"]
    );
    // One area served is an object, not a list.
    let kind = |rel: &str| jsonld(&site, rel)["areaServed"]["additionalType"].clone();
    assert_eq!(kind("en/index.html"), "County");
    assert_eq!(kind("index.html"), "县");
    // Translated content in the machine-readable text too; the region in English order.
    let event = jsonld(
        &site,
        "en/activities/2025-03-07-dongcheng-jiedai/index.html",
    );
    assert_eq!(event["name"], "March reception day at Dongcheng");
    assert_eq!(event["inLanguage"], "en");
    let address = &event["location"]["address"];
    assert_eq!(
        address["streetAddress"],
        "Ground floor, Dongcheng Town Hall"
    );
    assert_eq!(address["addressLocality"], "Dongcheng Town");
    assert_eq!(address["addressRegion"], "测试县, 测试市, 测试省");
    let zh = jsonld(&site, "activities/2025-03-07-dongcheng-jiedai/index.html");
    assert_eq!(
        zh["location"]["address"]["addressRegion"],
        "测试省测试市测试县"
    );
    let person = jsonld(&site, "en/deputies/li-xian/index.html");
    assert_eq!(person["name"], "Li Xianying-Smith");
    assert_eq!(person["description"], "Party Secretary, Heping Community");
}

#[test]
fn a_phone_number_in_a_translated_report_stops_the_build_at_its_line() {
    let (err, ok) =
        check_translated_with("activities/2025/2025-03-07-dongcheng-jiedai.en.md", |_| {
            "Deputies met twelve residents.\n\nCaller's phone 13812345678.\n".into()
        });
    assert!(!ok, "{err}");
    assert!(
        err.contains("activities/2025/2025-03-07-dongcheng-jiedai.en.md:3:")
            && err.contains("138****5678")
            && !err.contains("13812345678"),
        "{err}"
    );
}
