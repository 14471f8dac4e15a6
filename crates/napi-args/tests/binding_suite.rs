//! This crate's behaviour as JS sees it. Almost every helper here takes a live Node-API `Env`,
//! which only a running Node provides, so this test builds both bindings that use the crate (the
//! library's `crates/node` and the benchmark-only `crates/lab`, the only user of `finite_f64` and
//! `u32_in_range`) against the crate as it is on disk, and runs the vitest files that call the
//! helpers through them. Under cargo-mutants (`scripts/mutants.sh napi-args`, `--in-place`) the mutated source is
//! what gets compiled into the addon that these vitest files load.
//!
//! Ignored by a plain `cargo test` (it takes a minute or more and needs `npm install`); run it
//! with `cargo test -p rust-patterns-napi-args --test binding_suite -- --include-ignored`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The vitest files that reach the helpers of this crate through the library binding and run in
/// seconds: every export's optional arguments against its JS twin (`optional-args`), hostile
/// arguments on every export (`hostile`: wrong types, detached and shared buffers, aliasing,
/// Proxies), the raw callbacks (`boundary-raw`, `boundary`), exact counts (`lines`), and the
/// messages, bounds and rejections written against this crate's survivors (`mutants-napi-args`).
/// The slower property suites (records, utf8, native-offload: a minute together here) add little
/// that these miss and would triple the time per mutant.
const SPEC_FILES: &[&str] = &[
  "__test__/optional-args.spec.ts",
  "__test__/hostile.spec.ts",
  "__test__/boundary-raw.spec.ts",
  "__test__/boundary.spec.ts",
  "__test__/lines.spec.ts",
  "__test__/mutants-napi-args.spec.ts",
];

fn workspace_root() -> PathBuf {
  Path::new(env!("CARGO_MANIFEST_DIR"))
    .join("../..")
    .canonicalize()
    .expect("the workspace root exists")
}

fn run(command: &mut Command, what: &str) {
  let status = command.status().unwrap_or_else(|e| panic!("{what}: {e}"));
  assert!(status.success(), "{what} failed: {status}");
}

#[test]
#[ignore = "builds crates/node and runs vitest over it (minutes); see scripts/mutants.sh"]
fn binding_built_from_this_crate_passes_its_vitest_files() {
  let root = workspace_root();
  // A target directory of its own: the outer `cargo test` may still hold the lock of `target/`.
  // The features of `npm run build` (bench-exports: boundary-raw.spec.ts calls those objects);
  // not test-exports, whose extra exports hostile.spec.ts would report as undeclared.
  let target_dir = root.join("target").join("napi-args-suite");
  run(
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()))
      .current_dir(&root)
      .args([
        "build",
        "--quiet",
        "-p",
        "rust-patterns-node",
        "-p",
        "rust-patterns-lab",
      ])
      .args(["--features", "rust-patterns-node/bench-exports"])
      .arg("--target-dir")
      .arg(&target_dir)
      // No debug info: each mutant relinks both addons, and nothing here reads a backtrace.
      .env("CARGO_PROFILE_DEV_DEBUG", "0"),
    "cargo build -p rust-patterns-node -p rust-patterns-lab",
  );
  // Node loads an addon by its `.node` name.
  let addon = target_dir.join("rust-patterns-suite.node");
  std::fs::copy(target_dir.join("debug/librust_patterns_node.so"), &addon)
    .expect("copy the built library addon");
  let lab_addon = target_dir.join("rust-patterns-lab-suite.node");
  std::fs::copy(target_dir.join("debug/librust_patterns_lab.so"), &lab_addon)
    .expect("copy the built lab addon");

  // The suites skip native cases when a binding does not load, so first prove both do: with
  // RUST_PATTERNS_NATIVE_PATH set, the library's loader reports `native` only if it loaded that
  // very file (it never falls back to another binary); the lab loader has no fallback at all.
  let probe = "const m = require('./src/native.ts'); \
    const lab = require('./benchmark/lab/native-binding.ts'); \
    if (m.implementation !== 'native' || lab.labBinding === null) { \
      console.error(m.loadError ?? lab.labLoadError); process.exit(1); }";
  let with_addon = |command: &mut Command| {
    command
      .current_dir(&root)
      .env("RUST_PATTERNS_NATIVE_PATH", &addon)
      .env("RUST_PATTERNS_LAB_NATIVE_PATH", &lab_addon)
      .env("HOSTILE_RUNS", "50")
      .env_remove("RUST_PATTERNS_FORCE_JS");
  };
  let mut check = Command::new("node");
  check.args(["--import", "tsx", "-e", probe]);
  with_addon(&mut check);
  run(&mut check, "loading the built addon through src/native.ts");

  let mut vitest = Command::new("node");
  vitest
    .arg(root.join("node_modules/vitest/vitest.mjs"))
    .args(["run", "--reporter=dot", "--typecheck.enabled=false"])
    .args(SPEC_FILES);
  with_addon(&mut vitest);
  run(&mut vitest, "vitest over the binding built from this crate");
}
