//! Handling units (承办单位): the bodies that must answer suggestions.

use super::check::{Checker, Index, id_hint, valid_id};
use crate::sources::Doc;
use crate::sources::raw::RawHandlersFile;

#[derive(Debug, Clone)]
pub struct Handler {
    pub id: String,
    pub name: String,
    pub kind: Option<String>,
    pub pinyin: Option<String>,
}

pub fn validate(doc: Option<&Doc<RawHandlersFile>>, ck: &mut Checker<'_>) -> (Vec<Handler>, Index) {
    let mut index = Index::new("handler", "handlers.yaml");
    let mut out = Vec::new();
    for h in doc.map(|d| d.raw.handlers.as_slice()).unwrap_or_default() {
        let id = h.id.value.as_str();
        if !valid_id(id) {
            ck.error(&h.id, format!("`{id}` is not a valid id"), id_hint(id));
        }
        if !index.insert(id, out.len() as u32) {
            ck.error(
                &h.id,
                format!("the handler id `{id}` is used twice"),
                "give every handling unit its own id",
            );
            continue;
        }
        index.insert_name(h.name.value.main(ck.first), id, out.len() as u32);
        out.push(Handler {
            id: id.to_owned(),
            name: ck.named_in(&h.name),
            kind: h.kind.as_ref().map(|k| k.0.clone()),
            pinyin: h.pinyin.as_ref().map(|k| k.0.clone()),
        });
    }
    (out, index)
}
