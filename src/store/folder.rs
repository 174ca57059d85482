//! The store folder: what `--store` may name (a new or empty folder, or a store), a store
//! folder that lost its `CURRENT` file ([`Store::repair`]), and opening a store read-only
//! while a build creates or writes it.

use std::path::{Path, PathBuf};

use super::Store;
use crate::{Error, Result};

impl Store {
    /// Refuses a path that is a file, or a non-empty folder that is not a store.
    pub(super) fn check_writable(path: &Path) -> Result<()> {
        let refuse = |message: String| Err(Error::store(path, message));
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(Error::io(path, e)),
        };
        if !meta.is_dir() {
            return refuse("is a file, not a store folder (give a new or empty folder)".into());
        }
        if path.join("CURRENT").is_file() {
            return Ok(());
        }
        let mut names: Vec<String> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        if names.is_empty() {
            return Ok(());
        }
        names.sort();
        if names.iter().any(|n| is_store_file(n)) {
            return Err(Self::damaged(path));
        }
        let shown: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
        refuse(format!(
            "is a non-empty folder that is not a newskg store ({} entr{}: {}{}); nothing was written: give a new or empty folder",
            names.len(),
            if names.len() == 1 { "y" } else { "ies" },
            shown.join(", "),
            if names.len() > 3 { ", ..." } else { "" }
        ))
    }

    /// Opens an existing store read-only, so queries and exports run while a build writes.
    ///
    /// # Errors
    /// No store in `path`, or it cannot be read.
    ///
    /// A store that a fresh build is creating (its column families not all made yet) or
    /// whose files a build is compacting away is opened again for up to
    /// 10 s (`OPEN_WAIT`); past that the error says the store is being created.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        Self::check_exists(path)?;
        let start = std::time::Instant::now();
        let mut pause = std::time::Duration::from_millis(10);
        loop {
            let err = match oxigraph::store::Store::open_read_only(path) {
                Ok(inner) => {
                    return Ok(Store {
                        inner,
                        path: path.into(),
                    });
                }
                Err(e) => e,
            };
            let text = err.to_string();
            let creating = text.contains("Column family not found")
                || text.contains("only possible on read-write");
            let racing = text.contains("No such file or directory");
            if !(creating || racing) {
                return Err(Error::store(path, err));
            }
            if start.elapsed() >= OPEN_WAIT {
                return Err(if creating {
                    Error::store(
                        path,
                        format!(
                            "the store is being created by a build that has not finished (waited {} s): try again when the build ends; if no build is running, it was stopped while creating the store: remove {} and build again",
                            OPEN_WAIT.as_secs(),
                            path.display()
                        ),
                    )
                } else {
                    Error::store(path, err)
                });
            }
            std::thread::sleep(pause);
            pause = (pause * 2).min(std::time::Duration::from_millis(200));
            Self::check_exists(path)?;
        }
    }

    /// Ok when `path` holds a store (its `CURRENT` file); a folder of store files without
    /// one is damaged (see [`Store::repair`]), anything else holds no store.
    ///
    /// # Errors
    /// No store, or a damaged one.
    pub fn check_exists(path: &Path) -> Result<()> {
        if path.join("CURRENT").exists() {
            return Ok(());
        }
        let store_files = || {
            std::fs::read_dir(path).is_ok_and(|rd| {
                rd.filter_map(std::result::Result::ok)
                    .any(|e| is_store_file(&e.file_name().to_string_lossy()))
            })
        };
        if !store_files() {
            return Err(Error::NoStore { path: path.into() });
        }
        // A build creating the store writes its MANIFEST a moment before CURRENT.
        for _ in 0..20 {
            std::thread::sleep(std::time::Duration::from_millis(50));
            if path.join("CURRENT").exists() {
                return Ok(());
            }
        }
        Err(Self::damaged(path))
    }

    /// The error for a folder of store files without `CURRENT` (RocksDB's pointer to its
    /// current MANIFEST): never opened, never written to.
    fn damaged(path: &Path) -> Error {
        Error::store(
            path,
            format!(
                "holds store files but no CURRENT file: the store is damaged and was not opened or written to. Run `newskg repair --store {p}` (it copies the folder to a backup first), or restore {p} from a backup, or build into a new folder",
                p = path.display()
            ),
        )
    }

    /// Repairs a store folder that lost its `CURRENT` file: copies the folder to a backup
    /// beside it (`DIR.backup-SECONDS`), points `CURRENT` at the newest `MANIFEST-*`, and
    /// checks that the store opens and lists its documents. Returns the backup folder and
    /// the number of documents.
    ///
    /// # Errors
    /// Nothing to repair (a store that has its `CURRENT` file, or a folder without store
    /// files), the copy failed, or the store still does not open (then `CURRENT` is removed
    /// again, so the folder is as it was, and the backup stays).
    pub fn repair(path: &Path) -> Result<(PathBuf, usize)> {
        if path.join("CURRENT").exists() {
            return Err(Error::store(
                path,
                "has its CURRENT file: nothing to repair (if it does not open, restore it from a backup)",
            ));
        }
        let mut manifests: Vec<(u64, String)> = std::fs::read_dir(path)
            .map_err(|e| Error::io(path, e))?
            .filter_map(std::result::Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let n = name.strip_prefix("MANIFEST-")?.parse().ok()?;
                Some((n, name))
            })
            .collect();
        manifests.sort();
        let Some((_, manifest)) = manifests.pop() else {
            return Err(Error::store(
                path,
                "holds no MANIFEST file: not a store this command can repair (restore it from a backup)",
            ));
        };
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut backup = path.as_os_str().to_owned();
        backup.push(format!(".backup-{secs}"));
        let backup = PathBuf::from(backup);
        std::fs::create_dir(&backup).map_err(|e| Error::io(&backup, e))?;
        for e in std::fs::read_dir(path).map_err(|e| Error::io(path, e))? {
            let e = e.map_err(|e| Error::io(path, e))?;
            if e.file_type().is_ok_and(|t| t.is_file()) {
                std::fs::copy(e.path(), backup.join(e.file_name()))
                    .map_err(|err| Error::io(e.path(), err))?;
            }
        }
        let current = path.join("CURRENT");
        std::fs::write(&current, format!("{manifest}\n")).map_err(|e| Error::io(&current, e))?;
        let opened = Store::open_read_only(path).and_then(|s| s.documents());
        match opened {
            Ok(docs) => Ok((backup, docs.len())),
            Err(e) => {
                let _ = std::fs::remove_file(&current);
                Err(Error::store(
                    path,
                    format!(
                        "does not open with CURRENT pointing at {manifest} ({}): left as it was; a copy is in {}; restore the store from a backup",
                        e.report(),
                        backup.display()
                    ),
                ))
            }
        }
    }
}

/// How long [`Store::open_read_only`] waits for a store that a build is creating.
pub const OPEN_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// A file RocksDB keeps in a store folder.
fn is_store_file(name: &str) -> bool {
    name.ends_with(".sst") || name.starts_with("MANIFEST-") || name.starts_with("OPTIONS-")
}
