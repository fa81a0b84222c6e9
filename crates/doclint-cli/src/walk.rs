//! Finding the files to check.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::FileFilter;

/// Extensions checked when walking a directory.
pub const DEFAULT_EXTENSIONS: &[&str] = &["txt", "md"];

/// A path that could not be walked.
#[derive(Debug)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

/// Expands the arguments into files, in order: each file argument as given,
/// each directory walked recursively in sorted order, skipping hidden
/// entries, `target/`, `.git/` and what the configuration leaves out
/// (extensions, `include`, `exclude`). Files named as arguments are always
/// checked unless `force_exclude` is set and `exclude` matches them.
pub fn collect_filtered_files(
    paths: &[PathBuf],
    filter: &FileFilter,
    force_exclude: bool,
    errors: &mut Vec<WalkError>,
) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for root in paths {
        match std::fs::metadata(root) {
            Ok(meta) if meta.is_dir() => walk_dir_with(
                root,
                &|path| filter.wants_walked_file(path),
                &|dir| filter.is_excluded(dir),
                &mut files,
                errors,
            ),
            Ok(_) if force_exclude && filter.is_excluded(root) => {}
            Ok(meta) if is_device_or_socket(&meta) => errors.push(WalkError {
                path: root.clone(),
                message: "not a regular file (a device or socket); skipped".to_owned(),
            }),
            Ok(_) => files.push(root.clone()),
            Err(err) => errors.push(WalkError {
                path: root.clone(),
                message: describe_io_error(&err),
            }),
        }
    }
    files
}

/// A path named on the command line that cannot be read as a document: a
/// device such as `/dev/zero` would never end. Named pipes are read, so
/// `doclint check <(command)` works.
fn is_device_or_socket(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        kind.is_char_device() || kind.is_block_device() || kind.is_socket()
    }
    #[cfg(not(unix))]
    {
        !meta.is_file()
    }
}

fn walk_dir_with(
    root: &Path,
    wanted: &dyn Fn(&Path) -> bool,
    pruned: &dyn Fn(&Path) -> bool,
    files: &mut Vec<PathBuf>,
    errors: &mut Vec<WalkError>,
) {
    let walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0
                || !(is_skipped(entry) || (entry.file_type().is_dir() && pruned(entry.path())))
        });
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_file() && wanted(entry.path()) {
                    files.push(entry.into_path());
                }
            }
            Err(err) => {
                let path = err
                    .path()
                    .map_or_else(|| root.to_path_buf(), Path::to_path_buf);
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop; skipped".to_owned()
                } else if let Some(io) = err.io_error() {
                    describe_io_error(io)
                } else {
                    err.to_string()
                };
                errors.push(WalkError { path, message });
            }
        }
    }
}

fn is_skipped(entry: &walkdir::DirEntry) -> bool {
    let name = entry.file_name().to_string_lossy();
    name.starts_with('.') || (entry.file_type().is_dir() && name == "target")
}

/// An I/O error in words a user can act on.
pub fn describe_io_error(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "no such file or directory".to_owned(),
        ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}
