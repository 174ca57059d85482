//! Definite descriptions that corefer with a titled name told earlier in the document: "NATO
//! Secretary General Jens Stoltenberg arrived in London. ... the Secretary General also met
//! the defence secretary" (the Secretary General is Stoltenberg).

use super::SentenceView;
use super::roles::{is_the, name_after, titles_a_name};
use crate::extract::resolve::EntityId;
use crate::lexicon::RoleKind;

/// People the document has named with a title right before the name ("Secretary General Jens
/// Stoltenberg", "President Mr Lagos"): (the title as listed in the role list, the person), in
/// the order told. Former titles ("former President X") are not titles of the person now.
pub fn titled_people<'l>(v: &SentenceView<'_, 'l>, out: &mut Vec<(&'l str, EntityId)>) {
    for k in 0..v.items.len() {
        let Some(role) = v.current_role(k) else {
            continue;
        };
        if let Some((_, e)) = v.mention(name_after(v, k)) {
            if v.ty(e) == crate::model::EntityType::Person
                && !out.iter().any(|&(p, x)| x == e && p == role.phrase)
            {
                out.push((role.phrase.as_str(), e));
            }
        }
    }
}

/// The person a definite description at item `k` stands for ("the Secretary General", "the
/// foreign minister" with no name after): the one person the document named with that title
/// before this sentence (`v.titled`); none when it named two or more with it, or none.
/// Heads of a body and posts only (not family or personal ties, not deputies).
#[must_use]
pub fn titled_antecedent(v: &SentenceView<'_, '_>, k: usize) -> Option<EntityId> {
    let role = v.current_role(k)?;
    if !matches!(role.kind, RoleKind::Head | RoleKind::Post) {
        return None;
    }
    // Not a title before a name, nor before an honorific.
    if name_after(v, k) != k + 1 || titles_a_name(v, k) {
        return None;
    }
    // Right after "the" ("the Secretary General"); a qualified description ("the Kenyan
    // president") is world knowledge's to resolve.
    if k == 0 || !is_the(v, k - 1) {
        return None;
    }
    let mut holders = v
        .titled
        .iter()
        .filter(|&&(p, _)| p == role.phrase)
        .map(|&(_, e)| e);
    let first = holders.next()?;
    holders.all(|e| e == first).then_some(first)
}
