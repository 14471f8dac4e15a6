/**
 * The C allocator regime every measuring process runs in.
 *
 * ArrayBuffer backing stores, Buffers and every Rust allocation come from the C library's malloc.
 * glibc's default returns freed memory to the kernel when the top of its heap grows past a
 * threshold that it moves as it goes (`mallopt(3)`: M_TRIM_THRESHOLD, M_MMAP_THRESHOLD), so a
 * fresh 800 KB allocation either reuses warm pages or faults in 196 new ones, and which one
 * depends on the process's history. The sampler's forced GC before each sample frees a form's
 * buffers all at once, which is when glibc trims. Measured here (Node 20, glibc 2.36):
 *
 * - `allocation/preallocation` at 100k elements, `new Float64Array(n)` per op: 730-820 us per op
 *   with quick mode's 10 ms warm-up and 300 us with full mode's 50 ms (same size, same code),
 *   because the longer warm-up happened to move glibc's thresholds; the native form 600 vs 115 us.
 *   With the tunables below, 320 and 306 us, and native 115 in both modes.
 * - Minor page faults per round of four 800 KB allocations and a GC: 189 by default, 40 with them
 *   (`process.resourceUsage().minorPageFault`; __test__/allocator.spec.ts checks the drop).
 *
 * Fixed thresholds make the measurement the same in every mode and process: the allocator keeps
 * what it has freed (up to 1 GiB at the top of the heap) and serves blocks below 32 MiB (the
 * largest threshold glibc accepts) from it, the regime of a service past its warm-up and the one
 * a plain Rust loop (the `rust` forms, criterion) reaches on its own. What page faults on fresh
 * memory cost is the kernel's, not the pattern's: a deployment that lets glibc trim pays it on
 * top of every allocating form. Other C libraries ignore the variable; the record says which ran.
 */

/** The malloc tunables the benchmark's processes run with (glibc's `GLIBC_TUNABLES` syntax). */
export const MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=1073741824';

/**
 * Which regime a run measures: `fixed` (the default) sets the thresholds above; `default` leaves
 * glibc's own, moving thresholds, as a Node process gets them unless it is told otherwise. The
 * gap between the two is what returning memory to the kernel costs a form, and it is largest
 * where a pattern's point is to keep memory (ownership/release, buffer-reuse): the CLI's
 * `--malloc default` measures it. Chosen by `RUST_PATTERNS_MALLOC`, which the CLI sets.
 */
export type MallocRegime = 'fixed' | 'default';

export const mallocRegimes: readonly MallocRegime[] = ['fixed', 'default'];

export function mallocRegime(env: NodeJS.ProcessEnv = process.env): MallocRegime {
  const v = env.RUST_PATTERNS_MALLOC ?? 'fixed';
  if (!(mallocRegimes as readonly string[]).includes(v)) {
    throw new RangeError(`RUST_PATTERNS_MALLOC must be one of ${mallocRegimes.join(', ')}, received ${v}`);
  }
  return v as MallocRegime;
}

/**
 * `env` with the benchmark's malloc tunables added to `GLIBC_TUNABLES`, unless it asks for the
 * `default` regime. Tunables the caller already set for malloc's thresholds win: someone measuring
 * another regime on purpose keeps it.
 */
export function allocatorEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (mallocRegime(env) === 'default') return { ...env };
  const own = (env.GLIBC_TUNABLES ?? '').split(':').filter((t) => t !== '');
  const set = new Set(own.map((t) => t.split('=')[0]));
  const add = MALLOC_TUNABLES.split(':').filter((t) => !set.has(t.split('=')[0]));
  return { ...env, GLIBC_TUNABLES: [...own, ...add].join(':') };
}

/** The C library this process runs on and the malloc tunables it was given, for the record. */
export interface AllocatorInfo {
  /** `glibc 2.36`, or null where the runtime does not say (musl, macOS, Bun, Deno). */
  libc: string | null;
  /** The malloc entries of `GLIBC_TUNABLES`, or null when none were set. */
  tunables: string | null;
}

/** Where a Node parent names its C library for its Node children (machine.ts `machineEnv`). */
export const LIBC_ENV = 'RUST_PATTERNS_LIBC';

/** A fact a parent passed in the environment: undefined when none was, '' meaning unknown. */
export function passedFact(value: string | undefined): string | null | undefined {
  return value === undefined ? undefined : value === '' ? null : value;
}

let ownLibc: string | null | undefined;

/** This process's C library from Node's diagnostic report (9 ms, so kept after the first call). */
function runtimeLibc(): string | null {
  if (ownLibc !== undefined) return ownLibc;
  ownLibc = null;
  try {
    const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)
      ?.header;
    if (header?.glibcVersionRuntime) ownLibc = `glibc ${header.glibcVersionRuntime}`;
  } catch {
    // Runtimes without a diagnostic report (Bun, Deno) leave it unknown.
  }
  return ownLibc;
}

export function allocatorInfo(env: NodeJS.ProcessEnv = process.env): AllocatorInfo {
  const passed = passedFact(env[LIBC_ENV]);
  const libc = passed === undefined ? runtimeLibc() : passed;
  const malloc = (env.GLIBC_TUNABLES ?? '').split(':').filter((t) => t.startsWith('glibc.malloc.'));
  return { libc, tunables: malloc.length > 0 ? malloc.join(':') : null };
}
