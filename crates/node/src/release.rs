//! `ownership/release`: a Rust-owned block handed to JS, freed by `close()` or by the GC.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use rust_patterns_core::release::Block;

use crate::args;

/// A block of memory owned by Rust. `close()` frees it at once (deterministic release);
/// a block never closed is freed by its Node-API finalizer after the GC collects the handle.
///
/// With `reportExternal` (the default) the block's size is reported to V8 with
/// `napi_adjust_external_memory`, so that the GC counts it when deciding to collect: without
/// that, V8 sees only a tiny object and may let gigabytes of blocks pile up before a GC.
#[napi(custom_finalize)]
pub struct NativeBlock {
  block: Option<Block>,
  reported: i64,
}

fn closed(env: &Env) -> Error {
  args::type_error(env, "NativeBlock is closed".to_owned())
}

#[napi]
impl NativeBlock {
  /// Allocates `size` zero bytes owned by Rust. RangeError when the allocator cannot provide
  /// them (as `new Uint8Array(size)` does), never a process abort.
  #[napi(
    constructor,
    catch_unwind,
    ts_args_type = "size: number, reportExternal?: boolean"
  )]
  pub fn new(env: Env, size: Unknown, report_external: Unknown) -> Result<Self> {
    let size = args::u32_arg(&env, &size, "size")? as usize;
    let report = args::optional_bool(&env, report_external, "reportExternal", true)?;
    // Allocated before anything is reported, so that a failure leaves nothing to undo.
    let block = Block::try_new(size).map_err(|e| args::range_error(&env, e.to_string()))?;
    let reported = if report { size as i64 } else { 0 };
    if reported != 0 {
      env.adjust_external_memory(reported)?;
    }
    Ok(NativeBlock {
      block: Some(block),
      reported,
    })
  }

  /// Size in bytes (0 once closed).
  #[napi(getter)]
  pub fn byte_length(&self) -> u32 {
    // The constructor takes the size as a u32, so the length always fits.
    self
      .block
      .as_ref()
      .map_or(0, |b| u32::try_from(b.len()).unwrap_or(u32::MAX))
  }

  /// True once `close()` has run.
  #[napi(getter)]
  pub fn closed(&self) -> bool {
    self.block.is_none()
  }

  /// Sets every byte to `byte`. TypeError once closed.
  #[napi(catch_unwind, ts_args_type = "byte: number")]
  pub fn fill(&mut self, env: Env, byte: Unknown) -> Result<()> {
    let byte = args::byte_arg(&env, &byte, "byte")?;
    self.block.as_mut().ok_or_else(|| closed(&env))?.fill(byte);
    Ok(())
  }

  /// CRC-32 of the contents. TypeError once closed.
  #[napi(catch_unwind)]
  pub fn checksum(&self, env: Env) -> Result<u32> {
    Ok(self.block.as_ref().ok_or_else(|| closed(&env))?.checksum())
  }

  /// Frees the memory now and un-reports it. Closing again is a no-op.
  #[napi(catch_unwind)]
  pub fn close(&mut self, env: Env) -> Result<()> {
    self.block = None;
    if self.reported != 0 {
      env.adjust_external_memory(-self.reported)?;
      self.reported = 0;
    }
    Ok(())
  }
}

// napi 3.12.7's runtime requires a per-class type tag that napi-derive 3.5.2 (pinned, see the
// workspace Cargo.toml) does not generate yet, so the class supplies it by hand, derived the
// way newer derives do: from a stable identity string.
impl TypeTag for NativeBlock {
  fn type_tag() -> napi::sys::napi_type_tag {
    type_tag_from_ident(concat!(
      "rust-patterns@",
      env!("CARGO_PKG_VERSION"),
      "::release::NativeBlock"
    ))
  }
}

impl ObjectFinalize for NativeBlock {
  // Runs when the GC collects an unclosed handle: the block is dropped with `self`.
  fn finalize(self, env: Env) -> Result<()> {
    if self.reported != 0 {
      env.adjust_external_memory(-self.reported)?;
    }
    Ok(())
  }
}
