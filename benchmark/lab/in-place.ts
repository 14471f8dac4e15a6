/**
 * The intermediate forms of `allocation/in-place`: between `Array#map` and the in-place
 * Float64Array kernel, each changes one thing (the closure, then the allocation; the container is
 * the case's last step).
 */

/** `Array#map` without the closure: a counted loop into a new array of the final length. */
export function affineIntoNewArray(a: readonly number[], scale: number, offset: number): number[] {
  const n = a.length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! * scale + offset;
  return out;
}

/** The same loop writing back into the input `number[]`: no allocation. */
export function affineArrayInPlace(a: number[], scale: number, offset: number): number[] {
  for (let i = 0, n = a.length; i < n; i++) a[i] = a[i]! * scale + offset;
  return a;
}
