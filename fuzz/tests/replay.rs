//! Stable-Rust replay of the fuzz targets: every kept regression input and
//! every seed goes through its target, then a short deterministic smoke of
//! mutated seeds. Runs without libFuzzer:
//!
//!     cargo test --manifest-path fuzz/Cargo.toml --no-default-features
//!
//! Set `DEMARCHE_FUZZ_CORPUS=1` to replay the local `corpus/<target>/`
//! folders too (they are not committed), and `DEMARCHE_FUZZ_SMOKE=N` to
//! change the number of mutated inputs per target (default 300).

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use demarche_fuzz::TARGETS;

/// Longest one input may take before it counts as a hang (debug builds are slow).
const PER_INPUT: Duration = Duration::from_secs(20);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

/// Runs `target` on `input` in its own thread, so a panic is reported with the
/// input's name and a hang fails the test instead of stalling it. A failing
/// input is kept in the temporary folder, named in the message.
fn run_one(name: &str, target: fn(&[u8]), input: Vec<u8>, label: &str) -> Result<(), String> {
    let keep = input.clone();
    let kept = || {
        let file = std::env::temp_dir().join(format!(
            "demarche-fuzz-failure-{name}-{}",
            label.replace(['/', ' '], "_")
        ));
        let _ = std::fs::write(&file, &keep);
        file.display().to_string()
    };
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::Builder::new()
        .name(format!("{name}:{label}"))
        .spawn(move || {
            target(&input);
            let _ = tx.send(());
        })
        .expect("thread starts");
    match rx.recv_timeout(PER_INPUT) {
        Ok(()) => {
            handle.join().expect("target thread");
            Ok(())
        }
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let _ = handle.join();
            Err(format!(
                "{name} panicked on {label} (input kept in {})",
                kept()
            ))
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "{name} took more than {PER_INPUT:?} on {label} (input kept in {})",
            kept()
        )),
    }
}

fn assert_no_failures(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} failing inputs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_target_has_seeds() {
    for (name, _) in TARGETS {
        let seeds = files_in(&root().join("seeds").join(name));
        assert!(!seeds.is_empty(), "fuzz/seeds/{name}/ is empty");
    }
}

#[test]
fn regressions_and_seeds_replay_cleanly() {
    let with_corpus = std::env::var_os("DEMARCHE_FUZZ_CORPUS").is_some();
    let mut replayed = 0;
    let mut failures = Vec::new();
    for (name, target) in TARGETS {
        let mut dirs = vec![
            root().join("regressions").join(name),
            root().join("seeds").join(name),
        ];
        if with_corpus {
            dirs.push(root().join("corpus").join(name));
        }
        for dir in dirs {
            for file in files_in(&dir) {
                let input = std::fs::read(&file).expect("input readable");
                let label = file
                    .strip_prefix(root())
                    .unwrap_or(&file)
                    .display()
                    .to_string();
                failures.extend(run_one(name, *target, input, &label).err());
                replayed += 1;
            }
        }
    }
    eprintln!("replayed {replayed} inputs");
    assert!(replayed > 0);
    assert_no_failures(&failures);
}

/// A small deterministic mutator (xorshift): flips, inserts, deletes and
/// splices bytes of the seeds. Not a fuzzer, a smoke test that runs on stable.
struct Mutator(u64);

impl Mutator {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn mutate(&mut self, seed: &[u8], other: &[u8]) -> Vec<u8> {
        let mut v = seed.to_vec();
        for _ in 0..1 + self.below(8) {
            let at = self.below(v.len() + 1);
            match self.below(6) {
                0 if !v.is_empty() => {
                    let i = at.min(v.len() - 1);
                    v[i] ^= 1 << self.below(8);
                }
                1 => v.insert(at, self.next() as u8),
                2 if at < v.len() => {
                    let n = self.below(16).min(v.len() - at);
                    v.drain(at..at + n);
                }
                3 => {
                    let byte = [b'\n', b'"', b'{', b'<', b'\t', b'.', 0xff, 0xe2][self.below(8)];
                    v.insert(at, byte);
                }
                4 if !other.is_empty() => {
                    let from = self.below(other.len());
                    let n = self.below(64).min(other.len() - from);
                    let piece = other[from..from + n].to_vec();
                    v.splice(at..at, piece);
                }
                _ => v.truncate(at),
            }
        }
        v
    }
}

#[test]
fn mutated_seeds_smoke() {
    let per_target: usize = std::env::var("DEMARCHE_FUZZ_SMOKE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let mut failures = Vec::new();
    for (t, (name, target)) in TARGETS.iter().enumerate() {
        let seeds: Vec<Vec<u8>> = files_in(&root().join("seeds").join(name))
            .iter()
            .map(|p| std::fs::read(p).expect("seed readable"))
            .collect();
        if seeds.is_empty() {
            continue;
        }
        let mut m = Mutator(0x9e37_79b9_7f4a_7c15 ^ (t as u64 + 1));
        for i in 0..per_target {
            let seed = &seeds[m.below(seeds.len())];
            let other = &seeds[m.below(seeds.len())];
            let input = m.mutate(seed, other);
            if let Err(e) = run_one(name, *target, input, &format!("mutation {i}")) {
                failures.push(e);
                break; // one failure per target is enough to report
            }
        }
    }
    assert_no_failures(&failures);
}
