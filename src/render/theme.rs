//! Themes: the built-in `default` theme is embedded in the binary; a site's own
//! `themes/<name>/` may override any template, static file or UI string of it.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};

use crate::diag::{Diagnostic, Span, display_path};
use crate::vocab::Language;

static DEFAULT: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A theme ready to render: templates by name, static files by path, UI strings.
#[derive(Debug, Clone)]
pub struct Theme {
    pub templates: BTreeMap<String, String>,
    /// Where the site's own templates are (`themes/<name>/templates`), and which of them
    /// replace a built-in one or add to them: an error in one is located in that file.
    pub site_templates: Option<(String, std::collections::BTreeSet<String>)>,
    pub assets: BTreeMap<String, Vec<u8>>,
    pub strings: serde_json::Value,
}

fn embedded(prefix: &str) -> impl Iterator<Item = (String, &'static [u8])> {
    let dir = DEFAULT.get_dir(prefix);
    let mut out = Vec::new();
    let mut stack: Vec<&Dir<'static>> = dir.into_iter().collect();
    while let Some(d) = stack.pop() {
        for f in d.files() {
            let rel = f
                .path()
                .strip_prefix(prefix)
                .unwrap_or(f.path())
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, f.contents()));
        }
        stack.extend(d.dirs());
    }
    out.into_iter()
}

/// Load the theme named in site.yaml for `language`, with the site's overrides.
pub fn load(root: &Path, name: &str, language: Language) -> Result<Theme, Diagnostic> {
    let mut templates = BTreeMap::new();
    for (rel, bytes) in embedded("templates") {
        templates.insert(rel, String::from_utf8_lossy(bytes).into_owned());
    }
    let assets: BTreeMap<String, Vec<u8>> = embedded("static")
        .map(|(rel, bytes)| (rel, bytes.to_vec()))
        .collect();
    let lang_file = format!("{}.yaml", language.as_str());
    let base = DEFAULT
        .get_file(format!("i18n/{lang_file}"))
        .or_else(|| DEFAULT.get_file("i18n/zh-Hans.yaml"));
    let mut strings = match base {
        Some(f) => {
            let file = format!("{BUILT_IN}/{}", f.path().display());
            ui_strings(&file, &String::from_utf8_lossy(f.contents()))?
                .unwrap_or_else(|| serde_json::Value::Object(Default::default()))
        }
        None => serde_json::Value::Object(Default::default()),
    };
    let mut theme = Theme {
        templates,
        assets,
        strings: serde_json::Value::Null,
        site_templates: None,
    };
    let dir = root.join("themes").join(name);
    crate::sources::fence::file(root, &root.join("themes"))?;
    crate::sources::fence::file(root, &dir)?;
    if !dir.is_dir() {
        if name != "default" {
            let file = display_path(root, &root.join("site.yaml"));
            return Err(Diagnostic::error(Span::file(&file), format!("the theme `{name}` is not in themes/{name}/"))
                .hint("use `theme: default`, or create the folder themes/<name>/ with the templates you want to override"));
        }
        theme.strings = strings;
        return Ok(theme);
    }
    for sub in ["templates", "static"] {
        let base_dir = dir.join(sub);
        let (files, problems) = crate::sources::fence::files(root, &base_dir, true);
        if let Some(d) = problems.into_iter().find(Diagnostic::is_error) {
            return Err(d);
        }
        for path in files {
            let rel = path
                .strip_prefix(&base_dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = std::fs::read(&path).map_err(|e| {
                Diagnostic::error(
                    Span::file(&display_path(root, &path)),
                    format!("cannot read the file: {e}"),
                )
            })?;
            if sub == "templates" {
                let (_, names) = theme.site_templates.get_or_insert_with(|| {
                    (format!("themes/{name}/templates"), Default::default())
                });
                names.insert(rel.clone());
                theme
                    .templates
                    .insert(rel, String::from_utf8_lossy(&bytes).into_owned());
            } else {
                theme.assets.insert(rel, bytes);
            }
        }
    }
    let over = dir.join("i18n").join(&lang_file);
    crate::sources::fence::file(root, &dir.join("i18n"))?;
    crate::sources::fence::file(root, &over)?;
    if over.is_file() {
        let file = display_path(root, &over);
        let text = std::fs::read_to_string(&over).map_err(|e| {
            Diagnostic::error(Span::file(&file), format!("cannot read the file: {e}"))
        })?;
        if let Some(v) = ui_strings(&file.display().to_string(), &text)? {
            merge(&mut strings, v);
        }
    }
    theme.strings = strings;
    Ok(theme)
}

/// How the built-in theme's files are named in messages.
const BUILT_IN: &str = "<lianluo>/themes/default";

/// The UI strings of an i18n file named `file` in messages: a mapping of keys to strings,
/// or nothing when the file holds none (empty, or only comments). A file that does not
/// parse — a key written twice, a mapping that is a list — is an error at its line and
/// column, never a theme without strings (whose pages then failed with "Field `lang` is not
/// defined").
fn ui_strings(file: &str, text: &str) -> Result<Option<serde_json::Value>, Diagnostic> {
    let origin = crate::sources::Origin::new(std::sync::Arc::from(Path::new(file)), 0);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value =
        crate::sources::parse_yaml(text, &origin).map_err(|mut errors| {
            let first = errors.remove(0);
            let hint = first.hint.clone().unwrap_or_default();
            first.hint(format!(
                "{hint}{}the theme's UI strings are read from this file, so none of them is shown until it parses",
                if hint.is_empty() { "" } else { "; " }
            ))
        })?;
    match value {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Object(_) => Ok(Some(value)),
        _ => Err(Diagnostic::error(
            Span::new(&origin.file, 1, 1),
            "the UI strings are not a mapping of keys to texts",
        )
        .hint("write each string as `key: text` (for example `home: 首页`), the keys as in lianluo's themes/default/i18n files")),
    }
}

fn merge(base: &mut serde_json::Value, over: serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k).or_insert(serde_json::Value::Null), v);
            }
        }
        (b, o) => *b = o,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: a key written twice in a theme's i18n file (`home:` twice under `nav:`)
    /// made the file fail to parse, the theme was left without any UI string, and every page
    /// failed with the misleading "Field `lang` is not defined". It is an error at the
    /// second key, naming it, with the fix.
    #[test]
    fn a_duplicated_key_in_a_theme_i18n_file_is_an_error_at_the_key_not_a_theme_without_strings() {
        let file = "themes/default/i18n/zh-Hans.yaml";
        let text = "lang: zh-Hans\nnav:\n  home: 首页\n  home: 主页\n";
        let Err(d) = ui_strings(file, text) else {
            panic!("a duplicated key is an error");
        };
        assert_eq!(d.span.to_string(), format!("{file}:4:3"));
        assert!(d.message.contains("`home`"), "{}", d.message);
        let hint = d.hint.unwrap_or_default();
        assert!(hint.contains("keep one of them"), "{hint}");
        assert!(hint.contains("UI strings"), "{hint}");
    }

    #[test]
    fn every_built_in_i18n_file_parses_into_strings_with_a_lang() {
        let dir = DEFAULT.get_dir("i18n").expect("themes/default/i18n");
        let mut files = 0;
        for f in dir.files() {
            let file = format!("{BUILT_IN}/{}", f.path().display());
            let strings = ui_strings(&file, &String::from_utf8_lossy(f.contents()))
                .unwrap_or_else(|d| panic!("{d:?}"))
                .expect("strings");
            assert!(strings.get("lang").is_some(), "{file} has no `lang`");
            files += 1;
        }
        assert!(files >= 3);
    }

    #[test]
    fn an_i18n_file_of_comments_overrides_nothing_and_a_list_is_an_error() {
        let file = "themes/mine/i18n/zh-Hans.yaml";
        assert_eq!(ui_strings(file, "# to translate later\n").ok(), Some(None));
        assert_eq!(ui_strings(file, "").ok(), Some(None));
        let Err(d) = ui_strings(file, "- home\n- nav\n") else {
            panic!("a list is an error");
        };
        assert_eq!(d.span.to_string(), format!("{file}:1:1"));
    }
}
