//! `doclint.toml`: finding, reading and checking the configuration.
//!
//! A configuration is found by walking up from the first checked path (or
//! given with `--config`). Reading happens in two steps: [`Config::load`]
//! checks the file's shape (keys, types, globs, directories), then
//! [`Config::resolve_rules`] checks the rule ids and options against the
//! rules that exist, which may include rule packs the file itself names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use doclint_core::{read_small_file, Severity};
use doclint_rules::{OptionValue, Rule, Settings, WordList};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::de::IgnoredAny;
use serde::Deserialize;
use toml::Spanned;

use crate::selection::Selector;
use crate::suggest::did_you_mean;

/// File names searched for, in order, in each directory.
pub const CONFIG_NAMES: &[&str] = &["doclint.toml", ".doclint.toml"];

/// Every top-level key, for "did you mean" and `doclint init`.
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "include",
    "exclude",
    "extensions",
    "words",
    "glossaries",
    "packs",
    "rules",
    "per-file-ignores",
];

/// The file as written; `deny_unknown_fields` backs up the friendlier key
/// check in [`check_top_level_keys`].
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    include: Option<Vec<Spanned<String>>>,
    exclude: Vec<Spanned<String>>,
    extensions: Option<Vec<Spanned<String>>>,
    words: Vec<String>,
    glossaries: Vec<Spanned<String>>,
    packs: Vec<Spanned<String>>,
    rules: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    per_file_ignores: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

/// A rule's level in the configuration or on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn parse(text: &str) -> Option<Level> {
        Some(match text {
            "off" => Level::Off,
            "error" => Level::On(Severity::Error),
            "warning" => Level::On(Severity::Warning),
            "info" => Level::On(Severity::Info),
            _ => return None,
        })
    }
}

const LEVELS: [&str; 4] = ["error", "warning", "info", "off"];

/// Globs relative to the configuration's directory.
#[derive(Clone, Debug)]
pub struct Patterns {
    set: GlobSet,
}

impl Patterns {
    /// Whether `relative` or one of its parent directories matches.
    pub fn matches_path_or_parent(&self, relative: &Path) -> bool {
        relative
            .ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .any(|p| self.set.is_match(p))
    }
}

/// Which files a directory walk checks.
#[derive(Clone, Debug)]
pub struct FileFilter {
    /// The directory globs are relative to (absolute).
    pub root: PathBuf,
    pub include: Option<Patterns>,
    pub exclude: Option<Patterns>,
    /// Lower-case extensions without the dot.
    pub extensions: Vec<String>,
}

impl FileFilter {
    /// `path` relative to the root, when it lies under it.
    pub fn relative(&self, path: &Path) -> Option<PathBuf> {
        let absolute = absolute(path);
        absolute
            .strip_prefix(&self.root)
            .ok()
            .map(Path::to_path_buf)
    }

    pub fn is_excluded(&self, path: &Path) -> bool {
        let (Some(exclude), Some(relative)) = (&self.exclude, self.relative(path)) else {
            return false;
        };
        exclude.matches_path_or_parent(&relative)
    }

    /// Whether a walked file is wanted: its extension, `include`, `exclude`.
    pub fn wants_walked_file(&self, path: &Path) -> bool {
        let extension_ok = path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| {
                self.extensions
                    .iter()
                    .any(|known| ext.eq_ignore_ascii_case(known))
            });
        if !extension_ok || self.is_excluded(path) {
            return false;
        }
        match (&self.include, self.relative(path)) {
            (Some(include), Some(relative)) => include.matches_path_or_parent(&relative),
            _ => true,
        }
    }
}

/// `per-file-ignores`: rules switched off for files matching a glob.
#[derive(Clone, Debug, Default)]
pub struct PerFileIgnores {
    entries: Vec<(Patterns, Vec<Selector>)>,
    root: PathBuf,
}

impl PerFileIgnores {
    /// Whether `rule` (of `category`) is ignored in `path`.
    pub fn ignores(&self, path: &Path, rule: &str, category: doclint_rules::Category) -> bool {
        if self.entries.is_empty() {
            return false;
        }
        let Ok(relative) = absolute(path)
            .strip_prefix(&self.root)
            .map(Path::to_path_buf)
        else {
            return false;
        };
        self.entries.iter().any(|(patterns, selectors)| {
            patterns.matches_path_or_parent(&relative)
                && selectors.iter().any(|s| s.matches(rule, category))
        })
    }
}

/// What the `[rules]` table and `per-file-ignores` say, checked against the
/// rules that exist.
#[derive(Clone, Debug, Default)]
pub struct RuleConfig {
    /// In file order, categories before rule ids (so a rule's own entry wins).
    pub levels: Vec<(Selector, Level)>,
    pub options: BTreeMap<String, BTreeMap<String, OptionValue>>,
    pub per_file_ignores: PerFileIgnores,
}

/// A loaded configuration (or the defaults, when there is no file).
#[derive(Debug)]
pub struct Config {
    /// The file read, if any.
    pub path: Option<PathBuf>,
    text: String,
    pub files: FileFilter,
    pub words: Vec<String>,
    pub glossaries: Vec<PathBuf>,
    pub packs: Vec<PathBuf>,
    rules: Vec<(Spanned<String>, Spanned<toml::Value>)>,
    per_file_ignores: Vec<(Spanned<String>, Vec<Spanned<String>>)>,
}

impl Config {
    /// The defaults, with globs relative to `root`.
    pub fn defaults(root: &Path) -> Config {
        Config {
            path: None,
            text: String::new(),
            files: FileFilter {
                root: absolute(root),
                include: None,
                exclude: None,
                extensions: crate::walk::DEFAULT_EXTENSIONS
                    .iter()
                    .map(|ext| (*ext).to_owned())
                    .collect(),
            },
            words: Vec::new(),
            glossaries: Vec::new(),
            packs: Vec::new(),
            rules: Vec::new(),
            per_file_ignores: Vec::new(),
        }
    }

    /// The configuration for a run: `explicit` if given, else the nearest
    /// `doclint.toml` above the first checked path (or the working
    /// directory), else the defaults.
    pub fn find_and_load(explicit: Option<&Path>, paths: &[PathBuf]) -> anyhow::Result<Config> {
        let cwd = std::env::current_dir().context("cannot read the working directory")?;
        if let Some(path) = explicit {
            return Config::load(path);
        }
        let start = paths.first().map_or_else(|| cwd.clone(), |p| absolute(p));
        match discover(&start) {
            Some(path) => Config::load(&path),
            None => Ok(Config::defaults(&cwd)),
        }
    }

    /// Reads and checks `path`.
    pub fn load(path: &Path) -> anyhow::Result<Config> {
        let text = read_config_file(path)
            .with_context(|| format!("cannot read the configuration {}", path.display()))?;
        let root = absolute(path)
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Config::parse(path, text, &root)
    }

    /// Checks `text` as the configuration `path` in directory `root`.
    pub fn parse(path: &Path, text: String, root: &Path) -> anyhow::Result<Config> {
        let at = |span: std::ops::Range<usize>| Position::of(path, &text, span.start);
        check_top_level_keys(path, &text)?;
        let raw: RawConfig = toml::from_str(&text)
            .map_err(|err| anyhow::anyhow!("{}: {}", path.display(), err.to_string().trim_end()))?;

        let mut config = Config::defaults(root);
        config.path = Some(path.to_path_buf());
        if let Some(include) = raw.include {
            config.files.include = Some(patterns(&include, &at)?);
        }
        if !raw.exclude.is_empty() {
            config.files.exclude = Some(patterns(&raw.exclude, &at)?);
        }
        if let Some(extensions) = raw.extensions {
            let mut list = Vec::new();
            for ext in extensions {
                let clean = ext.get_ref().trim_start_matches('.').to_lowercase();
                if clean.is_empty() || clean.contains(['/', '\\']) {
                    bail!(
                        "{}: `{}` is not a file extension (write e.g. \"md\")",
                        at(ext.span()),
                        ext.get_ref()
                    );
                }
                list.push(clean);
            }
            config.files.extensions = list;
        }
        config.words = raw.words;
        config.glossaries = existing_paths(&raw.glossaries, root, "glossaries", &at)?;
        config.packs = existing_paths(&raw.packs, root, "packs", &at)?;
        config.rules = raw.rules.into_iter().collect();
        config.per_file_ignores = raw.per_file_ignores.into_iter().collect();
        config.text = text;
        Ok(config)
    }

    fn position(&self, offset: usize) -> Position {
        Position::of(
            self.path.as_deref().unwrap_or(Path::new("doclint.toml")),
            &self.text,
            offset,
        )
    }

    /// Where option `name` of `[rules.RULE]` is written: a table's values
    /// carry no place of their own once parsed, so its line is looked up in
    /// the text (`fallback` when it is not found, as for an inline table).
    fn option_position(&self, rule: &str, name: &str, fallback: &Position) -> Position {
        let unquote = |text: &str| text.trim().trim_matches('"').trim_matches('\'').to_owned();
        let mut offset = 0;
        let mut in_table = false;
        for line in self.text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if let Some(header) = trimmed.strip_prefix('[') {
                let header = header.split(']').next().unwrap_or("");
                let mut parts = header.splitn(2, '.');
                in_table = parts.next().map(unquote).as_deref() == Some("rules")
                    && parts.next().map(unquote).as_deref() == Some(rule);
            } else if in_table {
                if let Some((key, _)) = trimmed.split_once('=') {
                    if unquote(key) == name {
                        return self.position(offset + (line.len() - trimmed.len()));
                    }
                }
            }
            offset += line.len();
        }
        Position {
            path: fallback.path.clone(),
            line: fallback.line,
            column: fallback.column,
        }
    }

    /// The settings rules read, before rule options are added.
    pub fn base_settings(&self) -> Settings {
        let mut extra_words = WordList::new();
        for word in &self.words {
            extra_words.insert(word);
        }
        Settings {
            extra_words,
            glossaries: self.glossaries.clone(),
            packs: self.packs.clone(),
            ..Settings::default()
        }
    }

    /// Checks `[rules]` and `per-file-ignores` against `rules`.
    pub fn resolve_rules(&self, rules: &[Box<dyn Rule>]) -> anyhow::Result<RuleConfig> {
        let mut resolved = RuleConfig::default();
        let mut by_rule = Vec::new();
        for (key, value) in &self.rules {
            let at = self.position(key.span().start);
            let selector = Selector::parse(key.get_ref(), rules)
                .map_err(|message| anyhow::anyhow!("{at}: in [rules]: {message}"))?;
            let value_at = self.position(value.span().start);
            let (level, options) = match value.get_ref() {
                toml::Value::String(level) => (Some(parse_level(level, &value_at)?), Vec::new()),
                toml::Value::Table(table) => {
                    let mut level = None;
                    let mut options = Vec::new();
                    for (name, option) in table {
                        let here = self.option_position(key.get_ref(), name, &value_at);
                        if name == "severity" {
                            let Some(text) = option.as_str() else {
                                bail!("{here}: `severity` of `{}` must be a string: one of \"error\", \"warning\", \"info\", \"off\"", key.get_ref());
                            };
                            level = Some(parse_level(text, &here)?);
                        } else {
                            options.push((name.clone(), option.clone(), here));
                        }
                    }
                    (level, options)
                }
                _ => bail!(
                    "{value_at}: `{}` takes a level (\"error\", \"warning\", \"info\" or \"off\") or a table of options",
                    key.get_ref()
                ),
            };
            if !options.is_empty() {
                let Selector::Rule(id) = &selector else {
                    bail!(
                        "{value_at}: `{}` is a category or pack; only `severity` can be set for it, options belong to single rules",
                        key.get_ref()
                    );
                };
                let rule = rules
                    .iter()
                    .find(|rule| rule.meta().id == id.as_str())
                    .context("a parsed rule selector names an existing rule")?;
                let declared = rule.options();
                let slot = resolved.options.entry(id.clone()).or_default();
                for (name, value, value_at) in options {
                    if !declared.iter().any(|option| option.name == name) {
                        let mut known: Vec<&str> = declared.iter().map(|o| o.name).collect();
                        known.push("severity");
                        let list = known
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        bail!(
                            "{value_at}: rule `{id}` has no option `{name}`{} (it takes: {list})",
                            did_you_mean(&name, known.iter().copied())
                        );
                    }
                    let scope_option = doclint_rules::consistency::SCOPE_OPTION;
                    let bad_scope = name == scope_option.name
                        && declared.contains(&scope_option)
                        && value
                            .as_str()
                            .and_then(doclint_rules::ComparisonScope::from_name)
                            .is_none();
                    if bad_scope {
                        let names = doclint_rules::ComparisonScope::ALL.map(|s| s.as_str());
                        bail!(
                            "{value_at}: `scope` of `{id}` must be \"document\" or \"corpus\"{}",
                            value
                                .as_str()
                                .map(|v| did_you_mean(v, names))
                                .unwrap_or_default()
                        );
                    }
                    let value = option_value(&value).ok_or_else(|| {
                        anyhow::anyhow!("{value_at}: option `{name}` of `{id}` must be a string, number, boolean or list of them")
                    })?;
                    slot.insert(name, value);
                }
            }
            if let Some(level) = level {
                if matches!(selector, Selector::Rule(_)) {
                    by_rule.push((selector, level));
                } else {
                    resolved.levels.push((selector, level));
                }
            }
        }
        resolved.levels.extend(by_rule);

        let mut entries = Vec::new();
        for (glob, selectors) in &self.per_file_ignores {
            let at = |span: std::ops::Range<usize>| self.position(span.start);
            let patterns = patterns(std::slice::from_ref(glob), &at)?;
            let mut parsed = Vec::new();
            for selector in selectors {
                let at = self.position(selector.span().start);
                parsed.push(
                    Selector::parse(selector.get_ref(), rules).map_err(|message| {
                        anyhow::anyhow!("{at}: in [per-file-ignores]: {message}")
                    })?,
                );
            }
            entries.push((patterns, parsed));
        }
        resolved.per_file_ignores = PerFileIgnores {
            entries,
            root: self.files.root.clone(),
        };
        Ok(resolved)
    }
}

/// A place in the configuration file, printed as `path:line:column`.
#[derive(Debug)]
struct Position {
    path: PathBuf,
    line: usize,
    column: usize,
}

impl Position {
    fn of(path: &Path, text: &str, offset: usize) -> Position {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position {
            path: path.to_path_buf(),
            line,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// A configuration is a small TOML file; a bigger one is a mistake (and a
/// device such as `/dev/zero` would never end).
const MAX_CONFIG_BYTES: u64 = 16 << 20;

/// The text of a configuration file: a regular UTF-8 file of at most
/// [`MAX_CONFIG_BYTES`].
fn read_config_file(path: &Path) -> anyhow::Result<String> {
    let bytes = read_small_file(path, MAX_CONFIG_BYTES)?;
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("stream did not contain valid UTF-8"))
}

/// Refuses unknown top-level keys with a suggestion and the key's position.
fn check_top_level_keys(path: &Path, text: &str) -> anyhow::Result<()> {
    let keys: BTreeMap<Spanned<String>, IgnoredAny> = toml::from_str(text)
        .map_err(|err| anyhow::anyhow!("{}: {}", path.display(), err.to_string().trim_end()))?;
    for key in keys.keys() {
        if !TOP_LEVEL_KEYS.contains(&key.get_ref().as_str()) {
            bail!(
                "{}: unknown key `{}`{}",
                Position::of(path, text, key.span().start),
                key.get_ref(),
                did_you_mean(key.get_ref(), TOP_LEVEL_KEYS.iter().copied())
            );
        }
    }
    Ok(())
}

fn parse_level(text: &str, at: &Position) -> anyhow::Result<Level> {
    Level::parse(text).ok_or_else(|| {
        anyhow::anyhow!(
            "{at}: unknown level `{text}`{} (use \"error\", \"warning\", \"info\" or \"off\")",
            did_you_mean(text, LEVELS)
        )
    })
}

fn option_value(value: &toml::Value) -> Option<OptionValue> {
    Some(match value {
        toml::Value::String(s) => OptionValue::String(s.clone()),
        toml::Value::Integer(i) => OptionValue::Integer(*i),
        toml::Value::Float(f) => OptionValue::Float(*f),
        toml::Value::Boolean(b) => OptionValue::Bool(*b),
        toml::Value::Array(items) => {
            OptionValue::List(items.iter().map(option_value).collect::<Option<_>>()?)
        }
        toml::Value::Datetime(_) | toml::Value::Table(_) => return None,
    })
}

/// Compiles globs gitignore-style: a glob without `/` matches a name at any
/// depth; one with `/` is anchored at the configuration's directory.
fn patterns(
    globs: &[Spanned<String>],
    at: &dyn Fn(std::ops::Range<usize>) -> Position,
) -> anyhow::Result<Patterns> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        let text = glob.get_ref();
        let trimmed = text.trim_start_matches("./").trim_end_matches('/');
        let anchored = if trimmed.contains('/') {
            trimmed.trim_start_matches('/').to_owned()
        } else {
            format!("**/{trimmed}")
        };
        let compiled = GlobBuilder::new(&anchored)
            .literal_separator(true)
            .build()
            .map_err(|err| {
                anyhow::anyhow!("{}: bad glob `{text}`: {}", at(glob.span()), err.kind())
            })?;
        builder.add(compiled);
    }
    let set = builder.build().context("cannot compile the globs")?;
    Ok(Patterns { set })
}

fn existing_paths(
    paths: &[Spanned<String>],
    root: &Path,
    key: &str,
    at: &dyn Fn(std::ops::Range<usize>) -> Position,
) -> anyhow::Result<Vec<PathBuf>> {
    paths
        .iter()
        .map(|path| {
            let full = root.join(path.get_ref());
            if full.exists() {
                Ok(full)
            } else {
                bail!(
                    "{}: {key}: `{}` does not exist (paths are relative to the configuration's directory)",
                    at(path.span()),
                    path.get_ref()
                )
            }
        })
        .collect()
}

/// The nearest configuration file at or above `start`.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = if start.is_dir() {
        start
    } else {
        start.parent()?
    };
    start.ancestors().find_map(|dir| {
        CONFIG_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// `path` made absolute and cleaned of `.` and `..` without touching the
/// file system (symbolic links are kept as written).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
}

/// The commented starter file `doclint init` writes.
pub fn starter_file(rules: &[Box<dyn Rule>]) -> String {
    let mut out = String::from(
        r#"# doclint configuration. doclint finds this file by walking up from the
# first path it checks; `doclint check --config FILE` names one instead.
# Paths and globs are relative to this file's directory. A glob without `/`
# matches a name at any depth ("*.draft.md"); one with `/` is anchored here
# ("docs/archive/**").

# Only check files matching these globs (default: every walked file).
# include = ["docs/**", "*.md"]

# Never check files matching these globs (named files too, with --force-exclude).
# exclude = ["vendor/**", "CHANGELOG.md"]

# Extensions checked when walking a directory.
# extensions = ["txt", "md"]

# Extra words that dictionary-backed rules accept (names, product terms).
# words = ["Dalian", "Jinzhou"]

# Extra glossary files or directories, and rule-pack directories.
# glossaries = ["glossaries"]
# packs = ["rule-packs"]

# Rules or whole categories per file glob, e.g. for plain-text files that
# cannot carry suppression comments.
[per-file-ignores]
# "archive/**" = ["consistency"]
# "legacy/*.txt" = ["double-space", "blank-lines"]

# A level per rule id or category: "error", "warning", "info" or "off".
# A rule's own entry wins over its category's. Options of a rule go in a
# table: [rules.RULE] severity = "error", option = value.
[rules]
"#,
    );
    let mut categories: Vec<_> = rules.iter().map(|r| r.meta().category).collect();
    categories.sort();
    categories.dedup();
    for category in categories {
        out.push_str(&format!(
            "# {category} = \"warning\"    # {}\n",
            category.description()
        ));
    }
    for rule in rules {
        let meta = rule.meta();
        out.push_str(&format!("# {} = \"{}\"\n", meta.id, meta.default_severity));
        for option in rule.options() {
            out.push_str(&format!("#   option `{}`: {}\n", option.name, option.help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use doclint_rules::registry::builtin_rules;

    fn parse(text: &str) -> anyhow::Result<Config> {
        Config::parse(
            Path::new("doclint.toml"),
            text.to_owned(),
            Path::new("/project"),
        )
    }

    fn error(text: &str) -> String {
        match parse(text).and_then(|c| c.resolve_rules(&builtin_rules())) {
            Ok(_) => panic!("expected an error for {text:?}"),
            Err(err) => format!("{err:#}"),
        }
    }

    #[test]
    fn unknown_top_level_key_names_position_and_suggestion() {
        let message = error("include = [\"docs/**\"]\nexlude = [\"x\"]\n");
        assert_eq!(
            message,
            "doclint.toml:2:1: unknown key `exlude`; did you mean `exclude`?"
        );
    }

    #[test]
    fn unknown_rule_id_suggests_the_closest() {
        let message = error("[rules]\ndouble-spaces = \"error\"\n");
        assert!(
            message.starts_with("doclint.toml:2:1: in [rules]: unknown rule or category `double-spaces`; did you mean `double-space`?"),
            "{message}"
        );
    }

    #[test]
    fn bad_level_and_unknown_option_are_refused() {
        assert!(error("[rules]\ndouble-space = \"eror\"\n").contains("did you mean `error`?"));
        let message = error("[rules.double-space]\nseverity = \"error\"\nscope = \"corpus\"\n");
        assert!(
            message.contains("rule `double-space` has no option `scope`"),
            "{message}"
        );
        assert!(
            error("[rules]\nwhitespace = { severity = \"off\", x = 1 }\n")
                .contains("is a category")
        );
    }

    #[test]
    fn consistency_scope_is_an_option_with_checked_values() {
        let config = parse("[rules.inconsistent-spelling]\nscope = \"corpus\"\n").expect("valid");
        let resolved = config.resolve_rules(&builtin_rules()).expect("valid");
        let mut settings = Settings {
            rule_options: resolved.options,
            ..Settings::default()
        };
        assert_eq!(
            settings.scope(
                "inconsistent-spelling",
                doclint_rules::ComparisonScope::Document
            ),
            doclint_rules::ComparisonScope::Corpus
        );
        settings.rule_options.clear();
        assert_eq!(
            settings.scope(
                "inconsistent-spelling",
                doclint_rules::ComparisonScope::Document
            ),
            doclint_rules::ComparisonScope::Document
        );
        let message = error("[rules.inconsistent-name]\nscope = \"corpse\"\n");
        assert!(message.contains("did you mean `corpus`?"), "{message}");
    }

    #[test]
    fn a_bad_option_under_its_table_is_reported_at_its_line() {
        let message = error(
            "# project settings\n[rules]\ndouble-space = \"warning\"\n\n[rules.inconsistent-name]\nscope = \"corpse\"\n",
        );
        assert!(message.contains("doclint.toml:6:1:"), "{message}");
        let message = error("[rules.double-space]\n  severity = \"loud\"\n");
        assert!(message.contains("doclint.toml:2:3:"), "{message}");
        let message = error("[rules.double-space]\nseverity = \"warning\"\nwidth = 3\n");
        assert!(message.contains("doclint.toml:3:1:"), "{message}");
    }

    #[test]
    fn type_errors_carry_toml_positions() {
        let message = error("exclude = \"not-a-list\"\n");
        assert!(message.contains("line 1"), "{message}");
    }

    #[test]
    fn levels_put_categories_before_rules() {
        let config =
            parse("[rules]\ndouble-space = \"error\"\nwhitespace = \"off\"\n").expect("valid");
        let resolved = config.resolve_rules(&builtin_rules()).expect("valid");
        assert_eq!(resolved.levels.len(), 2);
        assert!(matches!(resolved.levels[0].0, Selector::Category(_)));
        assert_eq!(resolved.levels[1].1, Level::On(Severity::Error));
    }

    #[test]
    fn globs_without_slash_match_at_any_depth() {
        let config = parse("exclude = [\"drafts\", \"docs/old/*.md\"]\ninclude = [\"docs\"]\n")
            .expect("valid");
        let files = &config.files;
        assert!(files.is_excluded(Path::new("/project/a/drafts/x.md")));
        assert!(files.is_excluded(Path::new("/project/docs/old/x.md")));
        assert!(!files.is_excluded(Path::new("/project/docs/old/deeper/x.md")));
        assert!(files.wants_walked_file(Path::new("/project/docs/new/x.md")));
        assert!(
            !files.wants_walked_file(Path::new("/project/other/x.md")),
            "not included"
        );
        assert!(
            !files.wants_walked_file(Path::new("/project/docs/x.rs")),
            "extension"
        );
    }

    #[test]
    fn starter_file_is_a_valid_configuration() {
        let text = starter_file(&builtin_rules());
        let config = parse(&text).expect("starter parses");
        config
            .resolve_rules(&builtin_rules())
            .expect("starter resolves");
        assert!(text.contains("# double-space = \"warning\""));
    }
}
