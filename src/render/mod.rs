//! Rendering: Tera 2 templates from the theme, with the site's constant data (title, menu,
//! UI strings) as the global context and one typed page context per render.

pub(crate) mod fingerprint;
pub mod theme;

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use crate::diag::{Diagnostic, Span};
pub use theme::Theme;

use crate::site::{Painter, Strings};

/// Site-wide data every template can use as `site`, `menu` and `t`.
#[derive(Debug, Serialize)]
pub struct Globals<'a> {
    pub site: SiteInfo<'a>,
    pub menu: Vec<MenuItem<'a>>,
    /// The texts this tree shows untranslated and the language they are written in (the
    /// site's first language), for the `as_written` and `written_lang` filters.
    #[serde(skip)]
    pub untranslated: Option<(&'static str, &'a std::collections::BTreeSet<String>)>,
}

#[derive(Debug, Serialize)]
pub struct SiteInfo<'a> {
    pub title: &'a str,
    pub base_url: &'a str,
    pub publisher: &'a str,
    pub language: &'a str,
    /// The site in each of its languages (empty for a site in one language).
    pub languages: Vec<LanguageLink>,
    pub data_license: Option<&'a str>,
    pub as_of: String,
    pub extra: &'a serde_json::Value,
}

/// One language of a multilingual site, as seen from the tree being rendered.
#[derive(Debug, Serialize)]
pub struct LanguageLink {
    /// BCP 47: `zh-Hans`, `en`
    pub code: &'static str,
    /// Its name in itself: 简体中文, English
    pub name: &'static str,
    /// From this tree's root to that language's root: `en/`, `../`, `../zh-Hant/`
    pub prefix: String,
    /// That language's absolute root address.
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Serialize)]
pub struct MenuItem<'a> {
    pub title: &'a str,
    pub url: String,
}

pub struct Renderer {
    tera: Tera,
    strings: Strings,
    /// Render nothing: `render` returns a fingerprint of its input (see [`Renderer::fingerprints`]).
    fingerprint: bool,
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Renderer")
    }
}

/// A template that does not compile, located in its file: the site's own
/// `themes/<name>/templates/<file>` at Tera's line and column, or the built-in theme.
fn template_error(theme: &Theme, error: &tera::Error) -> Diagnostic {
    let file = |path: String| std::sync::Arc::from(std::path::Path::new(&path));
    if let tera::ErrorKind::SyntaxError(report) = error.kind() {
        let name = report.filename();
        let span = report.span();
        let message = format!("this template has an error: {}", report.message());
        return match &theme.site_templates {
            Some((dir, names)) if names.contains(name) => Diagnostic::error(
                Span::new(
                    &file(format!("{dir}/{name}")),
                    u32::try_from(span.start_line).unwrap_or(0),
                    u32::try_from(span.start_col + 1).unwrap_or(0),
                ),
                message,
            )
            .hint("fix the template at this place (Tera 2 syntax: `{{ value }}`, `{% if … %}…{% endif %}`)"),
            _ => Diagnostic::error(
                Span::file(&file("site.yaml".into())),
                format!(
                    "the built-in template {name} has an error at line {}: {}",
                    span.start_line,
                    report.message()
                ),
            )
            .hint("this is a fault of lianluo's own theme: please report it, and use `theme: default` until it is fixed"),
        };
    }
    let named = theme
        .site_templates
        .as_ref()
        .map_or_else(|| "themes".to_owned(), |(dir, _)| dir.clone());
    Diagnostic::error(
        Span::file(&file(named)),
        format!("a theme template has an error: {error}"),
    )
    .hint("fix the template named in the message (a site's own templates live in themes/<name>/templates/)")
}

impl Painter for Renderer {
    fn strings(&self) -> &Strings {
        &self.strings
    }

    fn paint<T: Serialize>(&self, template: &str, ctx: &T) -> Result<String, String> {
        self.render(template, ctx)
    }

    fn only_fingerprints(&self) -> bool {
        self.fingerprint
    }
}

impl Renderer {
    pub fn new(theme: &Theme, globals: &Globals<'_>) -> Result<Self, Diagnostic> {
        let mut tera = Tera::new();
        let strings = Strings::new(theme.strings.clone());
        let for_dates = strings.clone();
        tera.register_filter("date", move |v: &str, _: Kwargs, _: &State| {
            for_dates.date_iso(v)
        });
        let for_short = strings.clone();
        tera.register_filter("date_short", move |v: &str, _: Kwargs, _: &State| {
            let mut parts = v
                .splitn(3, '-')
                .map(|p| p.trim_start_matches('0').parse::<i8>());
            match (parts.next(), parts.next(), parts.next()) {
                (Some(_), Some(Ok(m)), Some(Ok(d))) => for_short.date_in("date_short", 0, m, d),
                _ => v.to_owned(),
            }
        });
        // `{{ o.holiday | holiday }}`: a built-in holiday's name in the UI's language.
        let for_holidays = strings.clone();
        tera.register_filter("holiday", move |v: &str, _: Kwargs, _: &State| {
            for_holidays.holiday(v)
        });
        // `{{ t.days | plural(n=x) }}`: the `singular|plural` form for x.
        tera.register_filter("plural", |v: &str, kwargs: Kwargs, _: &State| {
            let n = kwargs.get::<i64>("n").ok().flatten().unwrap_or(0);
            crate::site::pick_plural(v, n.unsigned_abs()).to_owned()
        });
        // `{{ s.address | as_written }}`: a text this tree shows untranslated, in a
        // `<span lang>` of the language it is written in, so screen readers switch voice;
        // `{{ page.body | written_lang }}`: that language's code for an element's `lang`
        // (empty when the text is in the page's language).
        let untranslated = std::sync::Arc::new(
            globals
                .untranslated
                .map(|(lang, set)| (lang, set.clone()))
                .filter(|(_, set)| !set.is_empty()),
        );
        let for_spans = untranslated.clone();
        tera.register_filter("as_written", move |v: &str, _: Kwargs, _: &State| {
            match for_spans.as_ref() {
                Some((lang, set)) if set.contains(v) => {
                    let mut out = format!("<span lang=\"{lang}\">").into_bytes();
                    // Writing into a Vec cannot fail.
                    let _ = tera::escape_html(v, &mut out);
                    out.extend_from_slice(b"</span>");
                    tera::Value::safe_string(&String::from_utf8_lossy(&out))
                }
                _ => tera::Value::from(v),
            }
        });
        tera.register_filter(
            "written_lang",
            move |v: &str, _: Kwargs, _: &State| match untranslated.as_ref() {
                Some((lang, set)) if set.contains(v) => (*lang).to_owned(),
                _ => String::new(),
            },
        );
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .map_err(|e| template_error(theme, &e))?;
        let ctx = Context::from_serialize(globals).map_err(|e| {
            Diagnostic::error(
                Span::file(&std::sync::Arc::from(std::path::Path::new("site.yaml"))),
                format!("site data cannot be used in templates: {e}"),
            )
        })?;
        tera.global_context().extend(ctx);
        tera.global_context().insert("t", &theme.strings);
        Ok(Renderer {
            tera,
            strings,
            fingerprint: false,
        })
    }

    /// A renderer whose `render` returns a hex fingerprint of the template name and the
    /// page context instead of HTML: with the same theme and globals, pages whose
    /// fingerprint did not change render to the same bytes (`serve` re-renders only the others).
    pub fn fingerprints(theme: &Theme) -> Self {
        Renderer {
            tera: Tera::new(),
            strings: Strings::new(theme.strings.clone()),
            fingerprint: true,
        }
    }

    pub fn strings(&self) -> &Strings {
        &self.strings
    }

    /// Render `template` with `ctx`; an error names the template and what failed.
    pub fn render<T: Serialize>(&self, template: &str, ctx: &T) -> Result<String, String> {
        if self.fingerprint {
            return fingerprint(template, ctx);
        }
        let ctx = Context::from_serialize(ctx).map_err(|e| format!("{template}: {e}"))?;
        self.tera.render(template, &ctx).map_err(|e| {
            let mut msg = format!("{template}: {e}");
            let mut src = std::error::Error::source(&e);
            while let Some(s) = src {
                msg.push_str(&format!(": {s}"));
                src = s.source();
            }
            msg
        })
    }
}

/// The fingerprint of a render's input, as 32 hex digits: a 128-bit XXH3 hash of the
/// template name and the context, fed to the hasher as serde serialises it
/// ([`fingerprint::of`]: no JSON is made).
fn fingerprint<T: Serialize>(template: &str, ctx: &T) -> Result<String, String> {
    Ok(format!("{:032x}", fingerprint::of(template, ctx)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_ui_pattern() {
        let zh = Strings::new(serde_json::json!({"date_format": "{y}年{m}月{d}日"}));
        assert_eq!(zh.date_iso("2025-10-09"), "2025年10月9日");
        assert_eq!(zh.date_iso("not a date"), "not a date");
        let months = ["", "January", "February", "March"];
        let en = Strings::new(
            serde_json::json!({"date_format": "{d} {month} {y}", "month_names": months}),
        );
        assert_eq!(en.date_iso("2025-03-07"), "7 March 2025");
    }

    #[test]
    fn plural_forms_follow_the_number() {
        assert_eq!(crate::site::pick_plural("day|days", 1), "day");
        assert_eq!(crate::site::pick_plural("day|days", 2), "days");
        assert_eq!(crate::site::pick_plural("天", 1), "天");
    }
}
