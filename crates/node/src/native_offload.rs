//! `async/native-offload`: many CRC-32 inputs in one call, sync, as one libuv task, or spread
//! over rayon's threads from one libuv task.

use napi::bindgen_prelude::*;
use napi::sys;
use napi_derive::napi;
use rust_patterns_core::native_offload;

use crate::args;

/// Reads the elements of a JS array argument as raw handles, before any of them is borrowed:
/// reading an element may run JS (an accessor), which must not happen while a borrow is held.
fn array_elements<'env>(env: &'env Env, value: &Unknown, name: &str) -> Result<Vec<Unknown<'env>>> {
  let raw_env = env.raw();
  let mut is_array = false;
  // SAFETY: the value belongs to this callback's scope; the out-pointer is a live local.
  let status = unsafe { sys::napi_is_array(raw_env, value.raw(), &mut is_array) };
  if status != sys::Status::napi_ok || !is_array {
    return Err(args::type_error(
      env,
      format!("{name} must be an array of Uint8Array"),
    ));
  }
  let mut length = 0u32;
  // SAFETY: the value was checked to be an array; the out-pointer is a live local.
  let status = unsafe { sys::napi_get_array_length(raw_env, value.raw(), &mut length) };
  if status != sys::Status::napi_ok {
    return Err(args::type_error(env, format!("{name} must be an array")));
  }
  let mut elements = Vec::with_capacity(length as usize);
  for index in 0..length {
    let mut element = std::ptr::null_mut();
    // SAFETY: as above; a throwing accessor gives a non-ok status, which is propagated.
    let status = unsafe { sys::napi_get_element(raw_env, value.raw(), index, &mut element) };
    if status != sys::Status::napi_ok {
      return Err(Error::new(
        Status::PendingException,
        format!("reading {name}[{index}] failed"),
      ));
    }
    // SAFETY: `element` is a live handle of this callback's scope.
    elements.push(unsafe { Unknown::from_raw_unchecked(raw_env, element) });
  }
  Ok(elements)
}

/// The data pointer and length of `value` when it is a non-empty Uint8Array view, else `None`.
///
/// The hot path of the batch functions: one Node-API call, and no per-element error name is
/// formatted. Anything else (another type, an empty or detached view) goes through the shared
/// checks in [`args`], which name the element in their error.
fn plain_bytes(env: &Env, value: &Unknown) -> Option<(*mut u8, usize)> {
  args::typed_array_info(env, value)
    .filter(|info| {
      info.kind == sys::TypedarrayType::uint8_array && info.len > 0 && !info.data.is_null()
    })
    .map(|info| (info.data.cast(), info.len))
}

/// Borrows element `index` of `inputs` (see [`args::borrow_bytes`] for the contract).
///
/// # Safety
/// As [`args::borrow`].
unsafe fn borrow_element<'a>(env: &Env, value: &Unknown, index: usize) -> Result<&'a [u8]> {
  if let Some((data, len)) = plain_bytes(env, value) {
    // SAFETY: V8 reports `len` valid bytes at `data`; the caller keeps the borrow within the
    // call and runs no JS meanwhile.
    return Ok(unsafe { std::slice::from_raw_parts(data, len) });
  }
  // SAFETY: as above.
  unsafe { args::borrow_bytes(env, value, &format!("inputs[{index}]")) }
}

/// CRC-32 of every Uint8Array in `inputs`, in order, each from an initial value of 0.
///
/// Borrows every input in place (no copy, no reference) and blocks the calling thread. One
/// Node-API call for the whole list, but each element still costs a Node-API read and check
/// (about 0.2-0.3 µs, as much as a JS loop of `crc32Sync` on 16-byte inputs, measured by
/// `async/native-offload`); `crc32PackedSync` avoids that cost entirely.
#[napi(catch_unwind, ts_args_type = "inputs: Uint8Array[]")]
pub fn crc32_batch_sync(env: Env, inputs: Unknown) -> Result<Uint32Array> {
  let elements = array_elements(&env, &inputs, "inputs")?;
  let mut slices = Vec::with_capacity(elements.len());
  for (index, element) in elements.iter().enumerate() {
    // SAFETY: every element was read above, so no JS runs from here until the checksums are
    // done, and the slices do not outlive this call.
    slices.push(unsafe { borrow_element(&env, element, index) }?);
  }
  Ok(Uint32Array::new(native_offload::crc32_batch(&slices)))
}

/// One input of a batch task, as the raw parts of a borrowed view.
struct HeldBytes {
  data: *const u8,
  len: usize,
}

// SAFETY: a `HeldBytes` is only built by `batch_task`, which also stores every view it came from
// in the task's private `keep` array: the views (and so their ArrayBuffers' memory) stay alive
// until `finally` releases that array on the JS thread, after `compute` has returned. The bytes
// are only read. As with napi-rs's own `Uint8Array`, the caller must not detach or write the
// buffers until the Promise settles (documented on `crc32Batch`).
unsafe impl Send for HeldBytes {}
// SAFETY: shared reads only, under the same contract as `Send` above.
unsafe impl Sync for HeldBytes {}

impl AsRef<[u8]> for HeldBytes {
  fn as_ref(&self) -> &[u8] {
    if self.len == 0 {
      return &[];
    }
    // SAFETY: `data`/`len` came from a validated view that `keep` holds alive (see `Send`).
    unsafe { std::slice::from_raw_parts(self.data, self.len) }
  }
}

/// Work for [`crc32_batch`] and [`crc32_batch_parallel`]. Holds the inputs without copying a
/// byte, and with ONE Node-API reference for the whole list: the views are put in a private JS
/// array (not the caller's, which JS could change meanwhile) and that array is referenced. A
/// reference per input (napi-rs's `Uint8Array`) cost 1.9 ms per 1,000 inputs against 0.7-1.3 ms
/// for this (a loaded 2-core machine), most of what batching saves at 16 bytes an input.
pub struct Crc32BatchTask {
  inputs: Vec<HeldBytes>,
  keep: Option<ObjectRef<false>>,
  parallel: bool,
  pre_aborted: bool,
}

impl Task for Crc32BatchTask {
  type Output = Vec<u32>;
  type JsValue = Uint32Array;

  // Runs on a libuv worker thread: no JS values are touched here, only the held bytes.
  fn compute(&mut self) -> Result<Vec<u32>> {
    args::compute_unless_aborted(self.pre_aborted, || {
      Ok(if self.parallel {
        native_offload::crc32_batch_parallel(&self.inputs)
      } else {
        native_offload::crc32_batch(&self.inputs)
      })
    })
  }

  fn resolve(&mut self, _env: Env, output: Vec<u32>) -> Result<Uint32Array> {
    // Zero-copy out: the Vec becomes the Uint32Array's backing store.
    Ok(Uint32Array::new(output))
  }

  fn reject(&mut self, env: Env, err: Error) -> Result<Uint32Array> {
    args::reject_cancelled(&env, err)
  }

  // Runs on the JS thread once the Promise settled (also after a cancellation).
  fn finally(mut self, env: Env) -> Result<()> {
    self.inputs.clear();
    match self.keep.take() {
      Some(keep) => keep.unref(&env),
      None => Ok(()),
    }
  }
}

fn batch_task(
  env: &Env,
  inputs: &Unknown,
  signal: Unknown,
  parallel: bool,
) -> Result<AsyncTask<Crc32BatchTask>> {
  // The signal first: reading it may run JS (an `aborted` getter, a Proxy trap) that could
  // detach an input, so it must happen before any input's raw parts are taken below.
  let (signal, pre_aborted) = args::optional_signal(env, signal, "signal")?;
  let elements = array_elements(env, inputs, "inputs")?;
  let mut keep = std::ptr::null_mut();
  // SAFETY: `env` is this callback's env; the out-pointer is a live local.
  let status = unsafe { sys::napi_create_array_with_length(env.raw(), elements.len(), &mut keep) };
  if status != sys::Status::napi_ok {
    return Err(Error::new(
      Status::GenericFailure,
      "cannot create the input list".to_owned(),
    ));
  }
  let mut held = Vec::with_capacity(elements.len());
  for (index, element) in elements.iter().enumerate() {
    // SAFETY: the slice's parts are kept, not the borrow; `keep` holds the view alive (see
    // `HeldBytes`). Order: the signal and every element were read (the only steps that may run
    // JS) before this loop, and nothing in or after it runs JS until the task is queued.
    let bytes = unsafe { borrow_element(env, element, index) }?;
    // A JS array holds at most 2^32 - 1 elements, so every index fits a u32.
    let at = u32::try_from(index).unwrap_or(u32::MAX);
    // SAFETY: `keep` is the array created above and `element` a live handle of this scope;
    // setting an index of a fresh plain array runs no JS.
    let status = unsafe { sys::napi_set_element(env.raw(), keep, at, element.raw()) };
    if status != sys::Status::napi_ok {
      return Err(Error::new(
        Status::GenericFailure,
        "cannot hold the inputs".to_owned(),
      ));
    }
    held.push(HeldBytes {
      data: bytes.as_ptr(),
      len: bytes.len(),
    });
  }
  let keep = Object::from_raw(env.raw(), keep).create_ref::<false>()?;
  Ok(AsyncTask::with_optional_signal(
    Crc32BatchTask {
      inputs: held,
      keep: Some(keep),
      parallel,
      pre_aborted,
    },
    signal,
  ))
}

/// CRC-32 of every input, computed in ONE task on the libuv thread pool; resolves to the same
/// Uint32Array as `crc32BatchSync`.
///
/// Each input is referenced, not copied: do not mutate them until the Promise settles. One hop
/// for the whole list instead of one per input (the hop, not the checksum, dominates small
/// inputs). An aborted `signal` rejects with an `AbortError` if the task has not started; a
/// running task completes and its result is discarded.
#[napi(
  catch_unwind,
  ts_args_type = "inputs: Uint8Array[], signal?: AbortSignal | null",
  ts_return_type = "Promise<Uint32Array>"
)]
pub fn crc32_batch(
  env: Env,
  inputs: Unknown,
  signal: Unknown,
) -> Result<AsyncTask<Crc32BatchTask>> {
  batch_task(&env, &inputs, signal, false)
}

/// As `crc32Batch`, but the task splits the list over rayon's thread pool (one thread per
/// core), so one call uses every core. Note: the fork/join costs a few µs, so it only beats
/// `crc32Batch` when the list holds tens of µs of work or more.
#[napi(
  catch_unwind,
  ts_args_type = "inputs: Uint8Array[], signal?: AbortSignal | null",
  ts_return_type = "Promise<Uint32Array>"
)]
pub fn crc32_batch_parallel(
  env: Env,
  inputs: Unknown,
  signal: Unknown,
) -> Result<AsyncTask<Crc32BatchTask>> {
  batch_task(&env, &inputs, signal, true)
}

fn packed_checked<'a>(env: &Env, data: &Unknown, ends: &Unknown) -> Result<(&'a [u8], &'a [u32])> {
  // SAFETY: both slices are used only within the current call, and no JS runs meanwhile.
  let bytes = unsafe { args::borrow_bytes(env, data, "data") }?;
  // SAFETY: as above.
  let ends = unsafe { args::borrow::<u32>(env, ends, "ends") }?;
  native_offload::check_packed(bytes.len(), ends)
    .map_err(|e| args::range_error(env, e.to_string()))?;
  Ok((bytes, ends))
}

/// CRC-32 of every range of a packed batch: input `i` is `data[ends[i - 1]..ends[i]]`, the
/// first starting at 0. `ends` must be non-decreasing and at most `data.length` (RangeError).
///
/// The struct-of-arrays form of `crc32BatchSync`: two borrowed typed arrays whatever the number
/// of inputs, so nothing is paid per input at the boundary.
#[napi(catch_unwind, ts_args_type = "data: Uint8Array, ends: Uint32Array")]
pub fn crc32_packed_sync(env: Env, data: Unknown, ends: Unknown) -> Result<Uint32Array> {
  let (bytes, ends) = packed_checked(&env, &data, &ends)?;
  let out = native_offload::crc32_packed(bytes, ends)
    .map_err(|e| args::range_error(&env, e.to_string()))?;
  Ok(Uint32Array::new(out))
}

/// Work for [`crc32_packed`]: holds a reference to `data` (no copy) and its own copy of `ends`.
pub struct Crc32PackedTask {
  data: Uint8Array,
  ends: Vec<u32>,
  pre_aborted: bool,
}

impl Task for Crc32PackedTask {
  type Output = Vec<u32>;
  type JsValue = Uint32Array;

  // Runs on a libuv worker thread: no JS values are touched here, only the held arrays.
  fn compute(&mut self) -> Result<Vec<u32>> {
    args::compute_unless_aborted(self.pre_aborted, || {
      // `ends` is our own copy, checked at the call; the kernel checks it again, so a failure
      // here would be a bug, not bad input.
      native_offload::crc32_packed(&self.data, &self.ends)
        .map_err(|e| Error::new(Status::GenericFailure, e.to_string()))
    })
  }

  fn resolve(&mut self, _env: Env, output: Vec<u32>) -> Result<Uint32Array> {
    Ok(Uint32Array::new(output))
  }

  fn reject(&mut self, env: Env, err: Error) -> Result<Uint32Array> {
    args::reject_cancelled(&env, err)
  }
}

/// `crc32PackedSync` computed in one task on the libuv thread pool. `data` is referenced, not
/// copied: do not mutate it until the Promise settles. `ends` is copied at the call (4 bytes an
/// input), so the ranges are the ones checked even if the caller reuses it. Bad `ends` throw a
/// RangeError at the call. An aborted `signal` rejects with an `AbortError` if the task has
/// not started; a running task completes and its result is discarded.
#[napi(
  catch_unwind,
  ts_args_type = "data: Uint8Array, ends: Uint32Array, signal?: AbortSignal | null",
  ts_return_type = "Promise<Uint32Array>"
)]
pub fn crc32_packed(
  env: Env,
  data: Unknown,
  ends: Unknown,
  signal: Unknown,
) -> Result<AsyncTask<Crc32PackedTask>> {
  // The signal first: its getters may run JS that detaches `data` or `ends`, and the held
  // arrays below keep the data pointers read at the time they are made.
  let (signal, pre_aborted) = args::optional_signal(&env, signal, "signal")?;
  // Copied before `hold_bytes` runs: nothing between the check and the copy calls into JS.
  let ends = packed_checked(&env, &data, &ends)?.1.to_vec();
  let held_data = args::hold_bytes(&env, &data, "data")?;
  Ok(AsyncTask::with_optional_signal(
    Crc32PackedTask {
      data: held_data,
      ends,
      pre_aborted,
    },
    signal,
  ))
}
