//! What the search finds: one small record per deputy, area, electing unit, station,
//! activity, suggestion and free page ([`records`], built with [`builder`], with the
//! readings of [`pinyin`]), how a large site's index is split by place ([`scope`]), and the
//! search page's context ([`page`]). The search stage turns these into pagefind indexes.

pub mod builder;
pub mod page;
pub mod pinyin;
pub mod records;
pub mod scope;
