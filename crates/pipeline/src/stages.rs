//! The stages after ingest, in order. Each takes the document as the previous
//! one left it and adds its layer.

use demarche_model::Document;

/// Runs every analysis stage on a cleaned document.
pub fn process(mut doc: Document) -> Document {
    demarche_text::analyse(&mut doc);
    demarche_dates::annotate(&mut doc);
    doc
}
