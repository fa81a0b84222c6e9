//! Writing a fixed file without ever losing a byte.
//!
//! The new text goes to a temporary file in the target's own directory,
//! which is flushed, given the original's permissions and synced, and then
//! renamed over the target: a reader sees the old file or the new one, never
//! half of either, and a failure at any step leaves the original untouched
//! (the temporary file is removed when it is dropped). A symbolic link is
//! resolved first, so its target is replaced and the link stays a link;
//! a target outside the paths given on the command line is refused.
//!
//! The temporary file is named `.doclint-XXXXXX.tmp`. Ctrl-C, SIGTERM and
//! SIGHUP during a write remove it ([`remove_pending_on_signals`]); SIGKILL
//! cannot be caught, so a later `--fix` that writes in the same directory
//! removes such files once they are an hour old ([`STALE_AFTER`]).

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use crate::walk::describe_io_error;

/// Why a fixed file was not written. The original is intact in every case.
#[derive(Debug)]
pub enum WriteError {
    /// The file on disk is no longer the text that was fixed.
    Changed,
    /// The file is read-only (or not writable by this user).
    ReadOnly,
    /// A named pipe or a device: there is no file to replace.
    NotRegular,
    /// A symbolic link whose target lies outside the paths given.
    OutsideRoots { target: PathBuf },
    /// A step of the write failed.
    Io {
        step: &'static str,
        error: io::Error,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed => f.write_str(
                "the file changed on disk after doclint read it; not written (run doclint again)",
            ),
            WriteError::ReadOnly => f.write_str("the file is read-only; fixes not written"),
            WriteError::NotRegular => f.write_str(
                "a pipe or device cannot be fixed in place; fixes not written \
                 (pipe the text through `doclint check --fix -` instead)",
            ),
            WriteError::OutsideRoots { target } => write!(
                f,
                "a symbolic link to {}, outside the paths given; fixes not written \
                 (--fix-outside-roots allows it)",
                target.display()
            ),
            WriteError::Io { step, error } => write!(
                f,
                "could not {step}: {}; the file is unchanged",
                describe_io_error(error)
            ),
        }
    }
}

impl std::error::Error for WriteError {}

fn step(step: &'static str) -> impl FnOnce(io::Error) -> WriteError {
    move |error| WriteError::Io { step, error }
}

/// Replaces the file at `path`, whose content was `original` when read, with
/// `fixed`. Returns `false` (and writes nothing) when the two are equal.
/// With `within`, the file (a symbolic link resolved) must lie inside one
/// of those canonical paths.
pub fn write_fixed(
    path: &Path,
    original: &[u8],
    fixed: &[u8],
    within: Option<&[PathBuf]>,
) -> Result<bool, WriteError> {
    write_fixed_with(path, original, fixed, within, |file, bytes| {
        file.write_all(bytes)
    })
}

/// The canonical forms of the paths given on the command line, which a
/// fixed file must lie in (a path that cannot be resolved is left out).
pub fn roots(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths
        .iter()
        .filter_map(|path| fs::canonicalize(path).ok())
        .collect()
}

/// Whether `target` (canonical) is one of `roots` or lies inside one.
fn is_within(target: &Path, roots: &[PathBuf]) -> bool {
    roots.iter().any(|root| target.starts_with(root))
}

/// The temporary files being written (one per writing thread), removed if
/// a signal ends the run.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Makes Ctrl-C, SIGTERM and SIGHUP remove the temporary files being
/// written, then end the run (exit 130). Called once, before `--fix`
/// writes anything; the handler runs on its own thread, so it may take the
/// lock a write holds only between steps.
pub fn remove_pending_on_signals() {
    let _ = ctrlc::set_handler(|| {
        let pending = PENDING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        for path in pending.iter() {
            let _ = fs::remove_file(path);
        }
        std::process::exit(130);
    });
}

/// A temporary file being written, known to the signal handler for as
/// long as it exists on disk.
struct Pending(PathBuf);

impl Pending {
    /// Creates the temporary file in `dir` while holding the lock the
    /// signal handler takes, so a signal never finds a file on disk that
    /// it was not told about.
    fn create_in(dir: &Path) -> io::Result<(Pending, tempfile::NamedTempFile)> {
        let mut pending = PENDING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let temp = tempfile::Builder::new()
            .prefix(".doclint-")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        pending.push(temp.path().to_path_buf());
        Ok((Pending(temp.path().to_path_buf()), temp))
    }
}

impl Drop for Pending {
    // The file is removed here, under the lock, rather than left to the
    // temporary file's own drop: whichever of the two drops first, a
    // signal in between finds the file gone or still recorded. After a
    // rename the name no longer exists and the removal does nothing.
    fn drop(&mut self) {
        let mut pending = PENDING
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        pending.retain(|path| path != &self.0);
        let _ = fs::remove_file(&self.0);
    }
}

/// How old a temporary file of ours must be before a later run removes it:
/// older than any write takes, so never one that another run is writing.
pub const STALE_AFTER: Duration = Duration::from_secs(3600);

/// Whether `name` is a temporary file name of ours: `.doclint-`, six
/// letters or digits, `.tmp`.
fn is_temporary_name(name: &str) -> bool {
    name.len() == ".doclint-XXXXXX.tmp".len()
        && name.starts_with(".doclint-")
        && name.ends_with(".tmp")
        && name[9..15].bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Removes, once per directory and run, the temporary files of ours that a
/// killed run left in `dir`: regular files (never a link) with our name,
/// unmodified for [`STALE_AFTER`].
fn sweep_stale(dir: &Path) {
    static SWEPT: Mutex<Option<HashSet<PathBuf>>> = Mutex::new(None);
    let Ok(mut swept) = SWEPT.lock() else {
        return;
    };
    if !swept
        .get_or_insert_with(HashSet::new)
        .insert(dir.to_path_buf())
    {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().is_some_and(is_temporary_name) {
            continue;
        }
        let path = entry.path();
        let Ok(metadata) = fs::symlink_metadata(&path) else {
            continue;
        };
        let stale = metadata
            .modified()
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if metadata.is_file() && stale {
            let _ = fs::remove_file(&path);
        }
    }
}

/// [`write_fixed`] with the step that writes the bytes given, so tests can
/// make it fail or race it.
fn write_fixed_with(
    path: &Path,
    original: &[u8],
    fixed: &[u8],
    within: Option<&[PathBuf]>,
    write_body: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> Result<bool, WriteError> {
    if original == fixed {
        return Ok(false);
    }
    // A pipe is refused before anything opens it: opening it for writing
    // would wait for a reader forever.
    if fs::metadata(path).is_ok_and(|metadata| !metadata.is_file()) {
        return Err(WriteError::NotRegular);
    }
    let target = resolve(path)?;
    if let Some(roots) = within {
        if !is_within(&target, roots) {
            return Err(WriteError::OutsideRoots { target });
        }
    }
    let metadata = fs::metadata(&target).map_err(step("read the file's metadata"))?;
    if !metadata.is_file() {
        return Err(WriteError::NotRegular);
    }
    check_writable(&target, &metadata)?;
    check_unchanged(&target, original)?;
    let dir = target
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    sweep_stale(dir);

    let (_pending, mut temp) =
        Pending::create_in(dir).map_err(step("create a temporary file beside it"))?;
    write_body(temp.as_file_mut(), fixed).map_err(step("write the temporary file"))?;
    temp.as_file_mut()
        .flush()
        .map_err(step("flush the temporary file"))?;
    temp.as_file()
        .set_permissions(metadata.permissions())
        .map_err(step("copy the file's permissions"))?;
    keep_owner(temp.as_file(), &metadata);
    keep_extended_attributes(&target, temp.path());
    temp.as_file()
        .sync_all()
        .map_err(step("sync the temporary file"))?;
    // Check again just before the rename: an editor may have saved the file
    // while we were writing.
    check_unchanged(&target, original)?;
    temp.persist(&target).map_err(|err| WriteError::Io {
        step: "replace the file",
        error: err.error,
    })?;
    sync_dir(dir);
    Ok(true)
}

/// The file a path names, following symbolic links.
fn resolve(path: &Path) -> Result<PathBuf, WriteError> {
    fs::canonicalize(path).map_err(step("resolve the path"))
}

fn check_writable(target: &Path, metadata: &fs::Metadata) -> Result<(), WriteError> {
    // The permission bits are checked as well as opening for writing, since
    // a superuser may open anything but a read-only file must stay read-only.
    if metadata.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    match fs::OpenOptions::new().write(true).open(target) {
        Ok(_) => Ok(()),
        Err(err) if err.kind() == io::ErrorKind::PermissionDenied => Err(WriteError::ReadOnly),
        Err(err) => Err(WriteError::Io {
            step: "open the file for writing",
            error: err,
        }),
    }
}

fn check_unchanged(target: &Path, original: &[u8]) -> Result<(), WriteError> {
    let metadata = fs::metadata(target).map_err(step("read the file's metadata"))?;
    if metadata.len() != original.len() as u64 {
        return Err(WriteError::Changed);
    }
    let current = fs::read(target).map_err(step("read the file again"))?;
    if current != original {
        return Err(WriteError::Changed);
    }
    Ok(())
}

#[cfg(unix)]
fn keep_owner(file: &File, original: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(created) = file.metadata() else {
        return;
    };
    if (created.uid(), created.gid()) != (original.uid(), original.gid()) {
        // Only a superuser may give a file away; otherwise the new file is
        // ours, as with any editor that saves by renaming.
        let _ = std::os::unix::fs::fchown(file, Some(original.uid()), Some(original.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _original: &fs::Metadata) {}

/// Copies the extended attributes of `original` (on Linux these hold POSIX
/// ACLs, SELinux labels, Finder tags on macOS) to the new file, each where
/// the file system and this user's rights allow.
#[cfg(unix)]
fn keep_extended_attributes(original: &Path, new: &Path) {
    let Ok(names) = xattr::list(original) else {
        return;
    };
    for name in names {
        if let Ok(Some(value)) = xattr::get(original, &name) {
            let _ = xattr::set(new, &name, &value);
        }
    }
}

#[cfg(not(unix))]
fn keep_extended_attributes(_original: &Path, _new: &Path) {}

/// Makes the rename durable; not every file system supports it.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_content_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        fs::write(&path, "a  b\n").expect("write");
        assert!(write_fixed(&path, b"a  b\n", b"a b\n", None).expect("written"));
        assert_eq!(fs::read(&path).expect("read"), b"a b\n");
        assert_eq!(entries(dir.path()), vec!["a.txt"]);
    }

    #[test]
    fn unchanged_text_is_not_rewritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        fs::write(&path, "same\n").expect("write");
        let before = fs::metadata(&path)
            .expect("meta")
            .modified()
            .expect("mtime");
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(!write_fixed(&path, b"same\n", b"same\n", None).expect("ok"));
        let after = fs::metadata(&path)
            .expect("meta")
            .modified()
            .expect("mtime");
        assert_eq!(before, after);
    }

    #[test]
    fn a_failing_write_leaves_the_original_intact() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        fs::write(&path, "original  text\n").expect("write");
        let err = write_fixed_with(
            &path,
            b"original  text\n",
            b"original text\n",
            None,
            |file, bytes| {
                file.write_all(&bytes[..4])?;
                Err(io::Error::other("disk full"))
            },
        )
        .expect_err("the write fails");
        assert!(err.to_string().contains("disk full"), "{err}");
        assert!(err.to_string().contains("unchanged"), "{err}");
        assert_eq!(fs::read(&path).expect("read"), b"original  text\n");
        assert_eq!(entries(dir.path()), vec!["a.txt"], "temporary file removed");
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        fs::write(&path, "edited by someone else\n").expect("write");
        let err = write_fixed(
            &path,
            b"as read  by doclint\n",
            b"as read by doclint\n",
            None,
        )
        .expect_err("refused");
        assert!(matches!(err, WriteError::Changed));
        assert_eq!(fs::read(&path).expect("read"), b"edited by someone else\n");
    }

    #[test]
    fn a_file_saved_by_someone_else_during_the_write_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        fs::write(&path, "a  b\n").expect("write");
        let racing = path.clone();
        let err = write_fixed_with(&path, b"a  b\n", b"a b\n", None, |file, bytes| {
            fs::write(&racing, "a  b, edited\n")?;
            file.write_all(bytes)
        })
        .expect_err("refused");
        assert!(matches!(err, WriteError::Changed), "{err}");
        assert_eq!(fs::read(&path).expect("read"), b"a  b, edited\n");
        assert_eq!(entries(dir.path()), vec!["a.txt"]);
    }

    #[test]
    fn a_read_only_file_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.txt");
        fs::write(&path, "a  b\n").expect("write");
        let mut permissions = fs::metadata(&path).expect("meta").permissions();
        permissions.set_readonly(true);
        fs::set_permissions(&path, permissions).expect("chmod");
        let err = write_fixed(&path, b"a  b\n", b"a b\n", None).expect_err("refused");
        assert!(matches!(err, WriteError::ReadOnly), "{err}");
        assert_eq!(fs::read(&path).expect("read"), b"a  b\n");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept_and_symlinks_written_through() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.txt");
        fs::write(&real, "a  b\n").expect("write");
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).expect("chmod");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("real.txt", &link).expect("symlink");
        assert!(write_fixed(&link, b"a  b\n", b"a b\n", None).expect("written"));
        assert!(fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&real).expect("read"), b"a b\n");
        let mode = fs::metadata(&real).expect("meta").permissions().mode() & 0o7777;
        assert_eq!(mode, 0o640);
    }
}
