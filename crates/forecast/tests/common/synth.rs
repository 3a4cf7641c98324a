//! Deterministic synthetic weekly sales for tests and the bench: a fixed-seed generator, so the
//! same seed always gives the same series.

/// SplitMix64: tiny, seeded, good enough for test noise.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal (Box-Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = self.uniform().max(1e-12);
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

/// Week of the year (0 = first week of January) of the week holding 11 November (Double 11).
pub const DOUBLE_11: usize = 44;
/// ... and of 12 December (Double 12).
pub const DOUBLE_12: usize = 49;

/// Kiwi sales by week, the first week the first week of January: high from September to January
/// (peak mid-November), low in summer; Double 11 and Double 12 spikes; 15% growth a year;
/// multiplicative noise (sd 10%).
pub fn kiwi(weeks: usize, seed: u64, size: f64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    (0..weeks)
        .map(|t| {
            let w = t % 52;
            let phase = 2.0 * std::f64::consts::PI * (w as f64 - 46.0) / 52.0;
            let season = 0.1 + 0.9 * phase.cos().max(0.0).powf(1.5);
            let festival = match w {
                DOUBLE_11 => 1.8,
                DOUBLE_12 => 1.4,
                _ => 1.0,
            };
            let growth = 1.0 + 0.15 * t as f64 / 52.0;
            let noise = (1.0 + 0.1 * rng.normal()).max(0.0);
            (size * season * festival * growth * noise).round()
        })
        .collect()
}

/// A slow product: each week sells with probability `p`, then 1 to 6 units.
pub fn intermittent(weeks: usize, seed: u64, p: f64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    (0..weeks)
        .map(|_| {
            if rng.uniform() < p {
                1.0 + (rng.uniform() * 6.0).floor()
            } else {
                0.0
            }
        })
        .collect()
}
