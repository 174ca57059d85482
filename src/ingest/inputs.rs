//! Documents from paths: files, folders (walked recursively, symlink loops reported once,
//! FIFOs skipped), gzip, JSON Lines and stdin, streamed one document at a time.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use super::{Document, InputFormat, check_text};
use crate::{Error, Result};

/// Checks that at least one input path exists (or is `-`), so that a build with only
/// mistyped paths creates nothing.
///
/// # Errors
/// Every path is missing: the error names them.
pub fn check_paths(paths: &[PathBuf]) -> Result<()> {
    let missing: Vec<String> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-" && std::fs::symlink_metadata(p).is_err())
        .map(|p| p.display().to_string())
        .collect();
    if !paths.is_empty() && missing.len() == paths.len() {
        return Err(Error::Usage(format!(
            "no such file or folder: {}; nothing was built",
            missing.join(", ")
        )));
    }
    Ok(())
}

/// A stream of documents from paths; each item is one document or the error of one input.
pub struct Inputs {
    pending: VecDeque<PathBuf>,
    ready: VecDeque<Result<Document>>,
    lines: Option<(String, Box<dyn BufRead + Send>, usize)>,
    format: Option<InputFormat>,
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

impl Inputs {
    /// Documents from `paths` (files, folders searched recursively in name order, or `-` for
    /// stdin). `format` overrides detection by extension or content.
    #[must_use]
    pub fn new(paths: &[PathBuf], format: Option<InputFormat>) -> Inputs {
        Inputs {
            pending: paths.iter().cloned().collect(),
            ready: VecDeque::new(),
            lines: None,
            format,
        }
    }

    fn open(&mut self, path: &Path) -> Result<Option<Document>> {
        let origin = path.display().to_string();
        let bytes = if origin == "-" {
            let mut b = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut b)
                .map_err(|e| Error::io("-", e))?;
            b
        } else {
            let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
            if meta.is_dir() {
                self.walk(path);
                return Ok(None);
            }
            let mut raw = Vec::new();
            File::open(path)
                .and_then(|mut f| f.read_to_end(&mut raw))
                .map_err(|e| Error::io(path, e))?;
            if origin.ends_with(".gz") {
                let mut out = Vec::new();
                flate2::read::MultiGzDecoder::new(&raw[..])
                    .read_to_end(&mut out)
                    .map_err(|e| Error::bad(&origin, format!("bad gzip data: {e}")))?;
                out
            } else {
                raw
            }
        };
        let format = self.format.unwrap_or_else(|| {
            if origin == "-" {
                InputFormat::sniff(&bytes)
            } else {
                InputFormat::from_path(path)
            }
        });
        if format == InputFormat::Json {
            let text = check_text(&origin, &bytes, false)?;
            let value: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| Error::bad(&origin, format!("not JSON: {e}")))?;
            match value {
                serde_json::Value::Array(items) => {
                    for (i, item) in items.into_iter().enumerate() {
                        self.ready.push_back(Document::from_json_line(
                            &format!("{origin}[{i}]"),
                            &item.to_string(),
                        ));
                    }
                    return Ok(None);
                }
                other => return Document::from_json_line(&origin, &other.to_string()).map(Some),
            }
        }
        if format == InputFormat::Jsonl {
            let text = check_text(&origin, &bytes, false)?.into_owned();
            self.lines = Some((origin, Box::new(std::io::Cursor::new(text.into_bytes())), 0));
            return Ok(None);
        }
        Document::from_bytes(&origin, &bytes, format).map(Some)
    }

    /// Queues the files under a folder, in name order, skipping hidden entries. Symbolic links
    /// are followed, and a link back to a folder being walked (a loop) is reported once and not
    /// followed; FIFOs, sockets and devices are reported and skipped (reading one would block).
    fn walk(&mut self, dir: &Path) {
        let hidden = |e: &walkdir::DirEntry| {
            e.depth() > 0 && e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
        };
        let mut files = Vec::new();
        let walker = walkdir::WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| !hidden(e));
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => files.push(e.into_path()),
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) => self.ready.push_back(Err(Error::bad(
                    e.path().display().to_string(),
                    "not a regular file (FIFO, socket or device): skipped",
                ))),
                Err(e) => {
                    let at = e
                        .path()
                        .map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                    let reason = match e.loop_ancestor() {
                        Some(a) => {
                            format!("symbolic link loop (back to {}): not followed", a.display())
                        }
                        None => e
                            .io_error()
                            .map_or_else(|| e.to_string(), ToString::to_string),
                    };
                    self.ready.push_back(Err(Error::bad(at, reason)));
                }
            }
        }
        for f in files.into_iter().rev() {
            self.pending.push_front(f);
        }
    }

    fn next_line(&mut self) -> Option<Result<Document>> {
        let (origin, reader, n) = self.lines.as_mut()?;
        let mut line = String::new();
        loop {
            line.clear();
            *n += 1;
            match reader.read_line(&mut line) {
                Ok(0) => {
                    self.lines = None;
                    return None;
                }
                Ok(_) if line.trim().is_empty() => {}
                Ok(_) => {
                    return Some(Document::from_json_line(
                        &format!("{origin}:{n}"),
                        line.trim(),
                    ));
                }
                Err(e) => {
                    let err = Error::bad(format!("{origin}:{n}"), e.to_string());
                    self.lines = None;
                    return Some(Err(err));
                }
            }
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(doc) = self.ready.pop_front().or_else(|| self.next_line()) {
                return Some(doc);
            }
            let path = self.pending.pop_front()?;
            match self.open(&path) {
                Ok(Some(doc)) => return Some(Ok(doc)),
                Ok(None) => {}
                Err(e) => return Some(Err(e)),
            }
        }
    }
}
