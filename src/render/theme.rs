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
    let mut strings: serde_json::Value =
        match base.map(|f| serde_saphyr::from_slice::<serde_json::Value>(f.contents())) {
            Some(Ok(v)) => v,
            _ => serde_json::Value::Object(Default::default()),
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
        let origin = crate::sources::Origin::new(file, 0);
        let v: serde_json::Value =
            crate::sources::parse_yaml(&text, &origin).map_err(|mut errors| errors.remove(0))?;
        merge(&mut strings, v);
    }
    theme.strings = strings;
    Ok(theme)
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
