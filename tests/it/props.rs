//! Property tests: extraction takes any text without panicking, and offsets stay valid.

use newskg::{Document, InputFormat, Lexicon, extract, to_quads};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_extracts_without_panic(text in "\\PC{0,400}") {
        if let Ok(doc) = Document::from_bytes("p.txt", text.as_bytes(), InputFormat::Text) {
            let x = extract(&doc, Lexicon::embedded());
            for s in &x.sentences {
                prop_assert!(doc.text.get(s.range()).is_some());
            }
            let _ = to_quads(&doc, &x);
        }
    }

    #[test]
    fn newsy_text_extracts_without_panic(words in proptest::collection::vec(prop_oneof![
        Just("Putin"), Just("met"), Just("President"), Just("US"), Just("envoy"), Just("Mr"), Just("."), Just(","),
        Just("'s"), Just("Kremlin"), Just("of"), Just("and"), Just("Tuesday"), Just("(December"), Just("2,"), Just("2025)"),
        Just("talks"), Just("between"), Just("–"), Just("his"), Just("deputy"), Just("Schröder"), Just("“"), Just("\n"), Just("held"),
        Just("with"), Just("alongside"), Just("not"), Just("J.D."), Just("al-"), Just("Ahmed"), Just("in"), Just("the"),
    ], 0..80)) {
        let text = words.join(" ");
        for format in [InputFormat::Text, InputFormat::Markdown, InputFormat::Html] {
            if let Ok(doc) = Document::from_bytes("p.txt", text.as_bytes(), format) {
                let x = extract(&doc, Lexicon::embedded());
                let _ = to_quads(&doc, &x);
            }
        }
    }
}
