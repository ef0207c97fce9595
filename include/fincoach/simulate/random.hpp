#pragma once
// The simulator's random numbers: xoshiro256** seeded through splitmix64, and the few
// distributions it needs, written out here rather than taken from <random> so a seed gives
// the same population with any standard library. Every user owns its own streams, seeded
// from (seed, user index, stream), so output does not depend on the thread count.

#include <cmath>
#include <cstdint>

namespace fincoach::simulate {

/// One step of splitmix64 (Steele, Lea, Flood 2014): advances `state`, returns 64 mixed bits.
inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// Seed of one random stream: a hash of (seed, user index, stream id).
inline uint64_t stream_seed(uint64_t seed, uint64_t index, uint64_t stream) {
  uint64_t state = seed;
  uint64_t h = splitmix64(state);
  state = h ^ (index * 0xd1342543de82ef95ULL);
  h = splitmix64(state);
  state = h ^ (stream * 0x2545f4914f6cdd1dULL + 0x632be59bd9b4e019ULL);
  return splitmix64(state);
}

/// xoshiro256** (Blackman, Vigna 2018) with the distributions the simulator draws from.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& word : s_) word = splitmix64(seed);
  }

  uint64_t next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform in [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Uniform integer in [0, n); n > 0. Multiply-shift (bias below 2^-32 for the n used here).
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }
  /// Uniform integer in [lo, hi].
  int32_t between(int32_t lo, int32_t hi) {
    return lo + static_cast<int32_t>(below(static_cast<uint32_t>(hi - lo + 1)));
  }
  bool bernoulli(double p) { return uniform() < p; }

  /// Standard normal (Marsaglia polar method; the second value is kept for the next call).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u = 0.0;
    double v = 0.0;
    double s = 0.0;
    do {
      u = 2.0 * uniform() - 1.0;
      v = 2.0 * uniform() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * factor;
    has_spare_ = true;
    return u * factor;
  }
  double normal(double mean, double sd) { return mean + sd * normal(); }
  /// exp(N(mu, sigma)).
  double lognormal(double mu, double sigma) { return std::exp(mu + sigma * normal()); }
  /// Exponential with the given mean.
  double exponential(double mean) { return -mean * std::log1p(-uniform()); }

  /// Poisson(lambda): inversion by multiplication below 30, a rounded normal above.
  uint32_t poisson(double lambda) {
    if (lambda <= 0.0) return 0;
    if (lambda >= 30.0) {
      const double x = std::floor(normal(lambda, std::sqrt(lambda)) + 0.5);
      return x < 0.0 ? 0u : static_cast<uint32_t>(x);
    }
    const double limit = std::exp(-lambda);
    uint32_t k = 0;
    double product = uniform();
    while (product > limit) {
      ++k;
      product *= uniform();
    }
    return k;
  }

  /// Gamma(shape, 1) (Marsaglia–Tsang; shape < 1 boosted by U^(1/shape)).
  double gamma(double shape) {
    if (shape < 1.0) return gamma(shape + 1.0) * std::pow(uniform() + 1e-300, 1.0 / shape);
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x = 0.0;
      double v = 0.0;
      do {
        x = normal();
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      const double u = uniform();
      if (u < 1.0 - 0.0331 * x * x * x * x) return d * v;
      if (std::log(u) < 0.5 * x * x + d * (1.0 - v + std::log(v))) return d * v;
    }
  }

  /// Beta(a, b) from two gamma draws.
  double beta(double a, double b) {
    const double x = gamma(a);
    const double y = gamma(b);
    return x / (x + y);
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace fincoach::simulate
