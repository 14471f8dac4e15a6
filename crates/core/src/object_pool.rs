//! `allocation/object-pooling`: a frame of short-lived particles, spawned from seeds, integrated
//! for a few steps and retired, with the particle storage reused from frame to frame.
//!
//! [`ParticleFrame`] owns a `Vec<Particle>` that is cleared (keeping its capacity) at the start
//! of every frame, so after the first frame no particle allocates: the Rust form of a pool.

use std::fmt;

/// Time step of the integration (exact in binary).
pub const DT: f64 = 1.0 / 64.0;
/// Gravity, per step.
pub const GRAVITY: f64 = 9.8;

/// Seeds per particle: `x, y, vx, vy`.
pub const SEED_FIELDS: usize = 4;

/// One particle: position and velocity.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Particle {
  /// Horizontal position.
  pub x: f64,
  /// Height above the floor at 0.
  pub y: f64,
  /// Horizontal velocity.
  pub vx: f64,
  /// Vertical velocity.
  pub vy: f64,
}

impl Particle {
  /// One explicit Euler step under gravity, bouncing (losing half its speed) off the floor.
  pub fn step(&mut self) {
    self.vy -= GRAVITY * DT;
    self.x += self.vx * DT;
    self.y += self.vy * DT;
    if self.y < 0.0 {
      self.y = -self.y;
      self.vy = -self.vy * 0.5;
    }
  }
}

/// Why a frame refused its seeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedError {
  /// The seed count is not a multiple of [`SEED_FIELDS`].
  Length(usize),
}

impl fmt::Display for SeedError {
  fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match self {
      SeedError::Length(n) => write!(
        f,
        "seeds length must be a multiple of {SEED_FIELDS} (x, y, vx, vy), received {n}"
      ),
    }
  }
}

impl std::error::Error for SeedError {}

/// Reusable storage for frames of particles.
#[derive(Debug, Default)]
pub struct ParticleFrame {
  live: Vec<Particle>,
}

impl ParticleFrame {
  /// An empty frame; its storage grows to the largest frame run and then stays.
  pub fn new() -> Self {
    Self::default()
  }

  /// Particles the storage can hold without allocating.
  pub fn capacity(&self) -> usize {
    self.live.capacity()
  }

  /// Spawns one particle per 4 seeds, steps them all `steps` times, and returns the sum of
  /// `x + y` over the particles in order.
  pub fn run(&mut self, seeds: &[f64], steps: u32) -> Result<f64, SeedError> {
    if !seeds.len().is_multiple_of(SEED_FIELDS) {
      return Err(SeedError::Length(seeds.len()));
    }
    self.live.clear();
    self
      .live
      .extend(seeds.chunks_exact(SEED_FIELDS).map(|s| Particle {
        x: s[0],
        y: s[1],
        vx: s[2],
        vy: s[3],
      }));
    for _ in 0..steps {
      for p in &mut self.live {
        p.step();
      }
    }
    Ok(self.live.iter().fold(0.0, |sum, p| sum + (p.x + p.y)))
  }
}

#[cfg(test)]
mod tests {
  use super::*;

  #[test]
  fn bounces_off_the_floor() {
    let mut p = Particle {
      x: 0.0,
      y: 0.0,
      vx: 1.0,
      vy: -1.0,
    };
    p.step();
    assert!(p.y > 0.0 && p.vy > 0.0);
    assert_eq!(p.x, DT);
  }

  #[test]
  fn frames_reuse_storage_and_repeat() {
    let seeds: Vec<f64> = (0..400).map(|i| f64::from(i) * 0.25).collect();
    let mut frame = ParticleFrame::new();
    let first = frame.run(&seeds, 5).unwrap();
    let capacity = frame.capacity();
    assert_eq!(frame.run(&seeds, 5).unwrap(), first);
    assert_eq!(frame.capacity(), capacity);
    assert_eq!(frame.run(&[], 5), Ok(0.0));
  }

  #[test]
  fn zero_steps_sums_the_seeds() {
    let mut frame = ParticleFrame::new();
    assert_eq!(frame.run(&[1.0, 2.0, 9.0, 9.0], 0), Ok(3.0));
  }

  #[test]
  fn rejects_ragged_seeds() {
    assert_eq!(
      ParticleFrame::new().run(&[1.0; 5], 1),
      Err(SeedError::Length(5))
    );
  }

  /// One step in the air, with every quantity exact in binary (DT = 1/64): the velocity
  /// first takes gravity, then the position moves with the new vertical velocity.
  #[test]
  fn one_step_is_explicit_euler_with_exact_values() {
    assert_eq!(DT, 0.015625);
    let mut p = Particle {
      x: 2.0,
      y: 10.0,
      vx: 3.0,
      vy: 4.0,
    };
    p.step();
    let vy = 4.0 - GRAVITY / 64.0;
    assert_eq!(
      p,
      Particle {
        x: 2.0 + 3.0 / 64.0,
        y: 10.0 + vy / 64.0,
        vx: 3.0,
        vy,
      }
    );
  }

  /// Below the floor the particle is mirrored and keeps half its speed, reversed.
  #[test]
  fn a_bounce_mirrors_the_height_and_halves_the_speed() {
    let mut p = Particle {
      x: 0.0,
      y: 0.0,
      vx: 0.0,
      vy: -64.0,
    };
    p.step();
    let vy = -64.0 - GRAVITY / 64.0;
    assert_eq!(p.y, -(vy / 64.0));
    assert_eq!(p.vy, -vy * 0.5);
    // Exactly at the floor is not below it: no bounce.
    let mut q = Particle {
      x: 0.0,
      y: GRAVITY / 64.0 / 64.0,
      vx: 0.0,
      vy: 0.0,
    };
    q.step();
    assert_eq!(q.y, 0.0);
    assert_eq!(q.vy, -GRAVITY / 64.0);
  }

  #[test]
  fn run_sums_x_plus_y_after_the_steps() {
    let seeds = [1.0, 100.0, 2.0, 0.0, -1.0, 50.0, 0.0, 8.0];
    let mut expected = 0.0;
    for s in seeds.chunks_exact(4) {
      let mut p = Particle {
        x: s[0],
        y: s[1],
        vx: s[2],
        vy: s[3],
      };
      p.step();
      p.step();
      expected += p.x + p.y;
    }
    assert_eq!(ParticleFrame::new().run(&seeds, 2), Ok(expected));
  }

  #[test]
  fn capacity_covers_the_largest_frame() {
    let mut frame = ParticleFrame::new();
    assert_eq!(frame.capacity(), 0);
    frame.run(&[0.0; 4 * 10], 1).unwrap();
    assert!(frame.capacity() >= 10);
  }

  #[test]
  fn the_seed_error_names_the_rule_and_the_length() {
    assert_eq!(
      SeedError::Length(7).to_string(),
      "seeds length must be a multiple of 4 (x, y, vx, vy), received 7"
    );
  }
}
