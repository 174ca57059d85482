//! The build pipeline: [`Pipeline`] reads documents in windows, extracts each window on all
//! cores (rayon), links people across documents and loads the graphs on a loader thread.

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::PathBuf;

use rayon::iter::{IndexedParallelIterator, IntoParallelRefIterator, ParallelIterator};
use serde::Serialize;

use crate::ingest::{Document, InputFormat, Inputs};
use crate::link::Linker;
use crate::model::Date;
use crate::rdf::{DocumentGraph, to_quads};
use crate::store::LoadOutcome;
use crate::{Error, Lexicon, Result, Store, extract};

/// Documents per window: extracted in parallel and stored in one transaction.
pub const WINDOW: usize = 512;

/// What a running [`Pipeline::build`] reports as it goes.
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<'a> {
    /// One input could not be read and was skipped; the batch goes on.
    Skipped(&'a Error),
    /// A window was extracted: documents and bytes of text so far (cumulative).
    Extracted {
        /// Documents extracted so far.
        documents: usize,
        /// Bytes of document text extracted so far.
        bytes: usize,
    },
}

/// What one [`Pipeline::build`] did, in documents and facts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BuildSummary {
    /// New documents.
    pub added: usize,
    /// Documents whose content changed: their facts were replaced.
    pub replaced: usize,
    /// Documents stored before with the same content.
    pub unchanged: usize,
    /// Inputs that could not be read (each reported as [`Event::Skipped`]).
    pub skipped: usize,
    /// Entities extracted (per document, summed).
    pub entities: usize,
    /// Relations extracted (symmetric ones counted once).
    pub relations: usize,
    /// Meetings extracted.
    pub meetings: usize,
    /// Surname-only people in the store rewritten to a full name after the load.
    pub relinked: usize,
}

impl BuildSummary {
    /// Documents read: added, replaced or unchanged.
    #[must_use]
    pub fn documents(&self) -> usize {
        self.added + self.replaced + self.unchanged
    }
}

/// Reads, extracts, links and stores documents: windows of [`WINDOW`] documents are
/// extracted on all cores (rayon) while a loader thread stores the previous window.
///
/// ```no_run
/// use newskg::{Lexicon, Pipeline, Store};
/// let store = Store::open("newskg-store".as_ref())?;
/// let summary = Pipeline::new(Lexicon::embedded())
///     .build(&store, &["examples/articles".into()], |_| {})?;
/// println!("{} documents added", summary.added);
/// # Ok::<_, newskg::Error>(())
/// ```
#[derive(Clone, Copy, Debug)]
#[must_use]
pub struct Pipeline<'l> {
    lexicon: &'l Lexicon,
    format: Option<InputFormat>,
    date: Option<Date>,
    record_paths: bool,
}

impl<'l> Pipeline<'l> {
    /// A pipeline extracting with `lexicon`, detecting input formats, without a default date.
    pub fn new(lexicon: &'l Lexicon) -> Self {
        Pipeline {
            lexicon,
            format: None,
            date: None,
            record_paths: false,
        }
    }

    /// Reads every input as `format` instead of detecting it (`None`: detect).
    pub fn with_input_format(mut self, format: Option<InputFormat>) -> Self {
        self.format = format;
        self
    }

    /// The publication date of documents that do not give one.
    pub fn with_default_date(mut self, date: Option<Date>) -> Self {
        self.date = date;
        self
    }

    /// Records each input's path (relative to the working directory) as `nkg:sourcePath`;
    /// off by default, so the graph holds no local path.
    pub fn with_record_paths(mut self, record: bool) -> Self {
        self.record_paths = record;
        self
    }

    /// The lexicon extraction uses.
    #[must_use]
    pub fn lexicon(&self) -> &'l Lexicon {
        self.lexicon
    }

    /// The documents of `paths` (files, folders, `-` for stdin) in windows of [`WINDOW`];
    /// an input that cannot be read goes to `on_skip` and the rest goes on.
    ///
    /// A reader thread reads, decodes and parses the next window while the caller works on
    /// the current one (reading is serial; extraction uses every core): at most two windows
    /// are read ahead.
    pub fn windows<'a>(
        &self,
        paths: &'a [PathBuf],
        mut on_skip: impl FnMut(Error) + 'a,
    ) -> impl Iterator<Item = Vec<Document>> + 'a {
        let mut inputs = Inputs::new(paths, self.format);
        let date = self.date;
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Result<Document>>>(1);
        let reader = std::thread::spawn(move || {
            loop {
                let mut window = Vec::with_capacity(WINDOW);
                let mut docs = 0;
                for mut item in inputs.by_ref() {
                    if let Ok(doc) = &mut item {
                        if doc.meta.published.is_none() {
                            doc.meta.published = date;
                        }
                        docs += 1;
                    }
                    window.push(item);
                    if docs == WINDOW {
                        break;
                    }
                }
                // The caller stopped listening, or the inputs are done.
                if window.is_empty() || tx.send(window).is_err() || docs < WINDOW {
                    break;
                }
            }
        });
        let mut reader = Some(reader);
        std::iter::from_fn(move || {
            loop {
                let Ok(items) = rx.recv() else {
                    // The reader is done; a panic in it is the caller's panic.
                    if let Some(Err(panic)) = reader.take().map(std::thread::JoinHandle::join) {
                        std::panic::resume_unwind(panic);
                    }
                    return None;
                };
                let window: Vec<Document> = items
                    .into_iter()
                    .filter_map(|item| item.map_err(&mut on_skip).ok())
                    .collect();
                if !window.is_empty() {
                    return Some(window);
                }
            }
        })
    }

    /// Extracts the documents of `paths` and stores their graphs in `store`, linking people
    /// across documents and the store; `on_event` hears of skipped inputs and progress.
    ///
    /// A fresh store takes Oxigraph's bulk loader; otherwise each document replaces its own
    /// named graph (unchanged content is left alone).
    ///
    /// # Errors
    /// Store failures. Unreadable inputs are not errors: they are counted in
    /// [`BuildSummary::skipped`].
    pub fn build(
        &self,
        store: &Store,
        paths: &[PathBuf],
        on_event: impl FnMut(Event<'_>),
    ) -> Result<BuildSummary> {
        let on_event = RefCell::new(on_event);
        let fresh = store.is_empty()?;
        let mut linker = Linker::from_store(store)?;
        let mut summary = BuildSummary::default();
        let skipped = RefCell::new(0);
        let (mut documents, mut bytes) = (0, 0);
        // Extraction (all cores) overlaps with loading (one thread): a bounded channel keeps
        // at most two windows in memory.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<DocumentGraph>>(2);
        let loaded = std::thread::scope(|scope| {
            let loader = scope.spawn(move || load(store, fresh, rx));
            let windows = self.windows(paths, |e| {
                *skipped.borrow_mut() += 1;
                (on_event.borrow_mut())(Event::Skipped(&e));
            });
            for window in windows {
                let mut extractions: Vec<_> = window
                    .par_iter()
                    .map(|d| extract(d, self.lexicon))
                    .collect();
                linker.link_batch(&mut extractions);
                let graphs: Vec<_> = window
                    .par_iter()
                    .zip(&extractions)
                    .map(|(d, x)| {
                        let mut g = to_quads(d, x);
                        if self.record_paths {
                            crate::rdf::record_path(&mut g, d);
                        }
                        g
                    })
                    .collect();
                for g in &graphs {
                    summary.entities += g.counts.0;
                    summary.relations += g.counts.1;
                    summary.meetings += g.counts.2;
                }
                documents += window.len();
                bytes += window.iter().map(|d| d.text.len()).sum::<usize>();
                if tx.send(graphs).is_err() {
                    break;
                }
                (on_event.borrow_mut())(Event::Extracted { documents, bytes });
            }
            drop(tx);
            loader
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })?;
        (summary.added, summary.replaced, summary.unchanged) = loaded;
        summary.skipped = skipped.into_inner();
        summary.relinked = linker.relink_store(store)?;
        Ok(summary)
    }
}

/// The loader thread: stores windows of graphs as they come; (added, replaced, unchanged).
fn load(
    store: &Store,
    fresh: bool,
    rx: std::sync::mpsc::Receiver<Vec<DocumentGraph>>,
) -> Result<(usize, usize, usize)> {
    let (mut added, mut replaced, mut unchanged) = (0, 0, 0);
    let mut ids = HashSet::new();
    for graphs in rx {
        // A fresh store takes the bulk loader, unless a document repeats in the input.
        if fresh && graphs.iter().all(|g| ids.insert(g.iri.clone())) {
            added += graphs.len();
            store.bulk_load(graphs)?;
            continue;
        }
        for o in store.load(&graphs)? {
            match o {
                LoadOutcome::Added => added += 1,
                LoadOutcome::Replaced => replaced += 1,
                LoadOutcome::Unchanged => unchanged += 1,
            }
        }
    }
    Ok((added, replaced, unchanged))
}
