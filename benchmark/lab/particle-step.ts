/** A small class and helper for `controls/import-tax`: the shape of a hot loop calling an import. */
export class Particle {
  constructor(
    public x: number,
    public y: number,
    public vx: number,
    public vy: number,
  ) {}
}

/** Advances one particle by `dt`; returns its new x. */
export function step(p: Particle, dt: number): number {
  p.x += p.vx * dt;
  p.y += p.vy * dt;
  return p.x;
}
