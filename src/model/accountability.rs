//! What the accountability pages need beyond the validated records, computed once per
//! build after the model is complete: the figures ([`Stats`]), the filtered lists
//! ([`Facets`]) and the deputies' past receptions ([`PastReceptions`]).

use super::Model;
use super::facets::Facets;
use super::record::PastReceptions;
use super::stats::Stats;

#[derive(Debug, Default)]
pub struct Accountability {
    pub stats: Stats,
    pub facets: Facets,
    pub past: PastReceptions,
}

impl Accountability {
    pub fn compute(model: &Model) -> Accountability {
        let stats = Stats::compute(model);
        let facets = Facets::compute(model, &stats);
        Accountability {
            stats,
            facets,
            past: PastReceptions::compute(model),
        }
    }
}
