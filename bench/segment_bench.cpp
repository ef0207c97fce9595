// fincoach_segment_bench: the segmentation's hot paths and its quality.
//
//   --gen-blobs=PATH --rows=N --cols=D [--k=5] [--seed=S]
//       writes a synthetic feature matrix (.npy, float64): k overlapping persona-like blobs
//       of unequal sizes with unit-variance columns, the shape of the scaled enhanced state.
//   --gen-simulated=PATH --users=N [--weeks=26] [--seed=S]
//       simulates N users (12 months), extracts the enhanced state (mean of `weeks` weekly
//       snapshots), scales it with the fitted feature pipeline and writes the clustered
//       columns (.npy): the real workload, for the scikit-learn comparison.
//   --matrix=PATH [--k=5] [--n-init=10] [--silhouette-sample=S] [--threads=1,2]
//       [--assignment=blocked,hamerly] [--reps=R] --out=JSON
//       times fit_kmeans and the sampled silhouette on the matrix, per assignment step and
//       thread count (median of R runs), with inertia, iterations and silhouette.
//   --quality=1 --users=N [--weeks=26] [--spread=1.0] [--blocks=LIST] [--seed=S] --out=JSON
//       simulates N users and runs the whole segmentation against the true personas: ARI,
//       names matching the majority persona, bootstrap Jaccard, silhouette, and the ceiling
//       (k-means and nearest persona centre on the latent traits themselves).

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "bench_util.hpp"
#include "fincoach/common/error.hpp"
#include "fincoach/common/file_io.hpp"
#include "fincoach/features/feature_pipeline.hpp"
#include "fincoach/segment/kmeans.hpp"
#include "fincoach/segment/metrics.hpp"
#include "fincoach/segment/segmentation.hpp"
#include "fincoach/simulate/simulator.hpp"

namespace {

using fincoach::segment::Matrix;
using json = nlohmann::json;

double now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// --- .npy (version 1.0, little-endian float64, C order) ------------------------------------

void write_npy(const Matrix& m, const std::string& path) {
  std::string header = fmt::format("{{'descr': '<f8', 'fortran_order': False, 'shape': ({}, {}), }}", m.rows, m.cols);
  const size_t unpadded = 10 + header.size() + 1;
  header.append((64 - unpadded % 64) % 64, ' ');
  header += '\n';
  std::string out("\x93NUMPY\x01\x00", 8);
  const auto len = static_cast<uint16_t>(header.size());
  out += static_cast<char>(len & 0xff);
  out += static_cast<char>(len >> 8);
  out += header;
  out.append(reinterpret_cast<const char*>(m.values.data()), m.values.size() * sizeof(double));
  fincoach::write_file_atomic(path, out);
}

Matrix read_npy(const std::string& path) {
  const std::string bytes = fincoach::read_text_file(path);
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0)
    throw fincoach::InvalidInput(path + ": not a .npy file");
  const size_t len = static_cast<uint8_t>(bytes[8]) | (static_cast<size_t>(static_cast<uint8_t>(bytes[9])) << 8);
  const std::string header = bytes.substr(10, len);
  if (header.find("'<f8'") == std::string::npos || header.find("False") == std::string::npos)
    throw fincoach::InvalidInput(path + ": expected C-ordered float64");
  const size_t open = header.find("'shape': (");
  size_t rows = 0, cols = 0;
  if (open == std::string::npos || std::sscanf(header.c_str() + open + 10, "%zu, %zu", &rows, &cols) != 2)
    throw fincoach::InvalidInput(path + ": no 2-D shape");
  Matrix m(rows, cols);
  if (bytes.size() != 10 + len + rows * cols * sizeof(double)) throw fincoach::InvalidInput(path + ": truncated");
  std::memcpy(m.values.data(), bytes.data() + 10 + len, rows * cols * sizeof(double));
  return m;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// --- inputs ---------------------------------------------------------------------------------

/// k blobs with shares 30/25/20/15/10% (cycled for other k), centres N(0, 1.2²) per column
/// and unit noise, then standardised per column like the scaled enhanced state.
Matrix make_blobs(size_t rows, size_t cols, size_t k, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  Matrix centres(k, cols);
  for (double& v : centres.values) v = 1.2 * normal(rng);
  const std::array<double, 5> shares{0.30, 0.25, 0.20, 0.15, 0.10};
  std::vector<double> cumulative;
  double total = 0.0;
  for (size_t c = 0; c < k; ++c) cumulative.push_back(total += shares[c % shares.size()]);
  std::uniform_real_distribution<double> u(0.0, total);
  Matrix x(rows, cols);
  for (size_t i = 0; i < rows; ++i) {
    const double draw = u(rng);
    const size_t c =
        static_cast<size_t>(std::lower_bound(cumulative.begin(), cumulative.end(), draw) - cumulative.begin());
    for (size_t j = 0; j < cols; ++j) x.at(i, j) = centres.at(std::min(c, k - 1), j) + normal(rng);
  }
  const std::vector<double> mean = fincoach::segment::column_means(x.view());
  const std::vector<double> var = fincoach::segment::column_variances(x.view());
  for (size_t i = 0; i < rows; ++i)
    for (size_t j = 0; j < cols; ++j) x.at(i, j) = (x.at(i, j) - mean[j]) / std::sqrt(var[j]);
  return x;
}

struct Simulated {
  fincoach::simulate::SimulationResult sim;
  fincoach::features::FeatureMatrix raw;
  fincoach::features::FeaturePipeline pipeline;
};

Simulated simulate_features(int64_t users, int weeks, double spread, uint64_t seed) {
  Simulated s;
  fincoach::simulate::SimulationParams sp;
  sp.users = users;
  sp.seed = seed;
  sp.trait_spread = spread;
  s.sim = fincoach::simulate::simulate(sp);
  fincoach::features::FeatureParams fp;
  fincoach::features::FeatureContext context;
  context.goals = &s.sim.population.goals;
  const fincoach::Ledger& ledger = s.sim.population.ledger;
  s.raw = fincoach::segment::window_profile(ledger, context, fp, fincoach::features::last_ledger_day(ledger), weeks);
  s.pipeline = fincoach::features::FeaturePipeline::fit(s.raw, std::vector<uint8_t>(s.raw.rows, 1));
  return s;
}

Matrix clustered_matrix(const Simulated& s) {
  const fincoach::segment::SegmentParams params;
  const auto columns =
      fincoach::segment::clustered_columns(s.raw.schema, params.blocks, s.pipeline.zero_variance(), nullptr);
  const auto weights = fincoach::segment::clustered_weights(s.raw.schema, params.blocks, columns);
  return fincoach::segment::clustered_matrix(s.pipeline.transform(s.raw), columns, weights);
}

// --- timing ---------------------------------------------------------------------------------

json time_matrix(const Matrix& x, int k, int n_init, uint64_t sample, const std::vector<int>& threads,
                 const std::vector<std::string>& assignments, int reps, uint64_t seed) {
  json runs = json::array();
  for (const std::string& name : assignments)
    for (int t : threads) {
      fincoach::segment::KMeansParams p;
      p.k = k;
      p.n_init = n_init;
      p.threads = t;
      p.seed = seed;
      p.assignment = fincoach::segment::assignment_from_string(name);
      std::vector<double> fit_s, sil_s;
      fincoach::segment::KMeansResult r;
      fincoach::segment::Silhouette sil;
      for (int rep = 0; rep < reps; ++rep) {
        double t0 = now();
        r = fincoach::segment::fit_kmeans(x.view(), p);
        fit_s.push_back(now() - t0);
        t0 = now();
        sil = fincoach::segment::silhouette(x.view(), r.labels, k, sample, seed, t);
        sil_s.push_back(now() - t0);
      }
      int iterations = 0;
      for (int it : r.init_iterations) iterations += it;
      json run = {{"assignment", name},
                  {"threads", t},
                  {"fit_seconds", median(fit_s)},
                  {"silhouette_seconds", median(sil_s)},
                  {"total_seconds", median(fit_s) + median(sil_s)},
                  {"fit_seconds_all", fit_s},
                  {"inertia", r.inertia},
                  {"iterations_all_inits", iterations},
                  {"best_init_iterations", r.iterations},
                  {"silhouette", sil.mean},
                  {"silhouette_rows", sil.rows_used}};
      fmt::print("{:>8} threads={} fit {:.3f} s silhouette {:.3f} s inertia {:.6g} iterations {} silhouette {:.4f}\n",
                 name, t, median(fit_s), median(sil_s), r.inertia, iterations, sil.mean);
      runs.push_back(run);
    }
  return {{"rows", x.rows}, {"cols", x.cols}, {"k", k}, {"n_init", n_init}, {"silhouette_sample", sample},
          {"reps", reps},   {"runs", runs}};
}

// --- quality --------------------------------------------------------------------------------

/// The ceiling: how well the personas can be told apart from the latent traits themselves.
json trait_ceiling(const fincoach::simulate::SimulationResult& sim, const std::vector<int32_t>& truth) {
  const size_t n = truth.size();
  Matrix x(n, 8);
  for (size_t u = 0; u < n; ++u) {
    const auto t = fincoach::simulate::trait_vector(sim.truth.users[u]);
    std::copy(t.begin(), t.end(), x.row(u));
  }
  const std::vector<double> mean = fincoach::segment::column_means(x.view());
  const std::vector<double> var = fincoach::segment::column_variances(x.view());
  for (size_t u = 0; u < n; ++u)
    for (size_t j = 0; j < 8; ++j) x.at(u, j) = (x.at(u, j) - mean[j]) / std::sqrt(var[j]);
  Matrix centres(5, 8);
  for (size_t p = 0; p < 5; ++p) {
    const auto c = fincoach::simulate::persona_centre(static_cast<fincoach::simulate::Persona>(p));
    for (size_t j = 0; j < 8; ++j) centres.at(p, j) = (c[j] - mean[j]) / std::sqrt(var[j]);
  }
  const std::vector<int32_t> nearest = fincoach::segment::assign_nearest(x.view(), centres.view());
  size_t correct = 0;
  for (size_t u = 0; u < n; ++u) correct += nearest[u] == truth[u] ? 1 : 0;
  fincoach::segment::KMeansParams p;
  const auto fit = fincoach::segment::fit_kmeans(x.view(), p);
  return {{"nearest_centre_accuracy", static_cast<double>(correct) / static_cast<double>(n)},
          {"nearest_centre_ari", fincoach::segment::adjusted_rand_index(nearest, truth)},
          {"kmeans_on_traits_ari", fincoach::segment::adjusted_rand_index(fit.labels, truth)},
          {"kmeans_on_traits_silhouette", fincoach::segment::silhouette(x.view(), fit.labels, 5, 5000, 1).mean},
          {"true_personas_on_traits_silhouette", fincoach::segment::silhouette(x.view(), truth, 5, 5000, 1).mean}};
}

/// The same users segmented on two consecutive quarters (13-week windows ending 91 days
/// apart), both scaled by the earlier quarter's pipeline (the deployed scaler).
json temporal(const Simulated& s, uint64_t seed) {
  constexpr int weeks = 13;
  fincoach::features::FeatureParams fp;
  fincoach::features::FeatureContext context;
  context.goals = &s.sim.population.goals;
  const fincoach::Ledger& ledger = s.sim.population.ledger;
  const int32_t last = fincoach::features::last_ledger_day(ledger);
  const auto earlier = fincoach::segment::window_profile(ledger, context, fp, last - 7 * weeks, weeks);
  const auto pipeline = fincoach::features::FeaturePipeline::fit(earlier, std::vector<uint8_t>(earlier.rows, 1));
  const fincoach::segment::SegmentParams params;
  const auto columns =
      fincoach::segment::clustered_columns(earlier.schema, params.blocks, pipeline.zero_variance(), nullptr);
  const auto weights = fincoach::segment::clustered_weights(earlier.schema, params.blocks, columns);
  const auto to_matrix = [&](const fincoach::features::FeatureMatrix& raw) {
    return fincoach::segment::clustered_matrix(pipeline.transform(raw), columns, weights);
  };
  fincoach::segment::KMeansParams p;
  p.seed = seed;
  const auto later = fincoach::segment::window_profile(ledger, context, fp, last, weeks);
  const auto t = fincoach::segment::temporal_stability(to_matrix(earlier).view(), to_matrix(later).view(), p);
  return {{"ari_refit", t.ari_refit},
          {"ari_assigned", t.ari_assigned},
          {"retained_share", t.retained_share},
          {"retained_per_segment", t.retained_per_segment}};
}

json quality(int64_t users, int weeks, double spread, const std::string& blocks, uint64_t seed) {
  const double t0 = now();
  const Simulated s = simulate_features(users, weeks, spread, seed);
  const double t1 = now();
  fincoach::segment::SegmentParams params;
  params.kmeans.seed = seed;
  params.blocks = blocks;
  const auto seg = fincoach::segment::segment_users(s.raw, s.pipeline, params);
  std::vector<int32_t> truth(s.raw.rows);
  for (size_t u = 0; u < truth.size(); ++u) truth[u] = static_cast<int32_t>(s.sim.truth.users[u].persona);
  const auto cmp = fincoach::segment::compare_with_truth(seg, truth);
  json segments = json::array();
  double min_jaccard = 1.0;
  for (size_t i = 0; i < seg.profiles.size(); ++i) {
    min_jaccard = std::min(min_jaccard, seg.bootstrap.mean_jaccard[i]);
    segments.push_back({{"name", seg.names.name[i]},
                        {"size", seg.profiles[i].size},
                        {"majority", fincoach::segment::persona_templates()[static_cast<size_t>(cmp.majority[i])].name},
                        {"majority_share", cmp.majority_share[i]},
                        {"name_matches", cmp.name_matches[i]},
                        {"bootstrap_jaccard", seg.bootstrap.mean_jaccard[i]},
                        {"silhouette", seg.silhouette.per_cluster[i]},
                        {"persona_counts", cmp.table[i]}});
  }
  fmt::print(
      "users {} spread {} weeks {} blocks {} seed {}: ARI {:.3f}, names matching {}/5, min Jaccard {:.2f}, "
      "silhouette {:.3f}, Ward ARI {:.3f}, recommended k {}\n",
      users, spread, weeks, blocks, seed, cmp.ari, cmp.names_matching, min_jaccard, seg.silhouette.mean, seg.ward.ari,
      seg.selection.recommended_k);
  return {{"users", users},
          {"weeks", weeks},
          {"trait_spread", spread},
          {"blocks", blocks},
          {"seed", seed},
          {"ari", cmp.ari},
          {"names_matching", cmp.names_matching},
          {"min_bootstrap_jaccard", min_jaccard},
          {"silhouette", seg.silhouette.mean},
          {"silhouette_rows", seg.silhouette.rows_used},
          {"ward_ari", seg.ward.ari},
          {"choose_k", seg.selection.to_json()},
          {"segments", segments},
          {"ceiling", trait_ceiling(s.sim, truth)},
          {"temporal", temporal(s, seed)},
          {"seconds_simulate_and_features", t1 - t0},
          {"seconds_segmentation", seg.seconds.total}};
}

}  // namespace

int main(int argc, char** argv) {
  using fincoach::bench::take_option;
  try {
    const std::string gen_blobs = take_option(argc, argv, "gen-blobs");
    const std::string gen_sim = take_option(argc, argv, "gen-simulated");
    const std::string matrix = take_option(argc, argv, "matrix");
    const std::string quality_flag = take_option(argc, argv, "quality");
    const auto rows = std::stoull(take_option(argc, argv, "rows", "100000"));
    const auto cols = std::stoull(take_option(argc, argv, "cols", "46"));
    const int k = std::stoi(take_option(argc, argv, "k", "5"));
    const auto seed = std::stoull(take_option(argc, argv, "seed", "42"));
    const auto users = std::stoll(take_option(argc, argv, "users", "5000"));
    const int weeks =
        std::stoi(take_option(argc, argv, "weeks", std::to_string(fincoach::segment::SegmentParams{}.window_weeks)));
    const double spread = std::stod(take_option(argc, argv, "spread", "1.0"));
    const std::string blocks = take_option(argc, argv, "blocks", fincoach::segment::SegmentParams{}.blocks);
    const int n_init = std::stoi(take_option(argc, argv, "n-init", "10"));
    const auto sample = std::stoull(take_option(argc, argv, "silhouette-sample", "5000"));
    const int reps = std::stoi(take_option(argc, argv, "reps", "3"));
    std::vector<int> threads;
    for (const std::string& t : split(take_option(argc, argv, "threads", "1,2"))) threads.push_back(std::stoi(t));
    const std::vector<std::string> assignments = split(take_option(argc, argv, "assignment", "blocked,hamerly"));
    const std::string out = take_option(argc, argv, "out");
    fincoach::bench::reject_leftover_arguments(argc, argv, "see the header of bench/segment_bench.cpp");

    json result;
    if (!gen_blobs.empty()) {
      write_npy(make_blobs(rows, cols, static_cast<size_t>(k), seed), gen_blobs);
      fmt::print("wrote {} ({} x {})\n", gen_blobs, rows, cols);
    } else if (!gen_sim.empty()) {
      const double t0 = now();
      const Simulated s = simulate_features(users, weeks, spread, seed);
      const Matrix x = clustered_matrix(s);
      write_npy(x, gen_sim);
      fmt::print("wrote {} ({} x {}) in {:.1f} s\n", gen_sim, x.rows, x.cols, now() - t0);
    } else if (!matrix.empty()) {
      double t0 = now();
      const Matrix x = read_npy(matrix);
      fmt::print("read {} ({} x {}) in {:.2f} s\n", matrix, x.rows, x.cols, now() - t0);
      result = time_matrix(x, k, n_init, sample, threads, assignments, reps, seed);
      result["matrix"] = matrix;
    } else if (!quality_flag.empty()) {
      result = quality(users, weeks, spread, blocks, seed);
    } else {
      throw fincoach::InvalidInput("give --gen-blobs, --gen-simulated, --matrix or --quality=1");
    }
    if (!out.empty() && !result.is_null()) fincoach::write_file_atomic(out, result.dump(2) + "\n");
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "fincoach_segment_bench: {}\n", e.what());
    return 1;
  }
}
