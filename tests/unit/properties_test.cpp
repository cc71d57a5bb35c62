// Invariants a user relies on, checked over random configurations (fixed seeds, so a failure
// reproduces): slower hardware is never faster, memory grows with the work, more memory never
// makes a design infeasible, the KV cache is linear, and a design-space search's best and Pareto
// front are never beaten by a point of their space.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "mlsysim/core/error.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/node/serving.hpp"
#include "mlsysim/optimize/dse.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim {
namespace {

using namespace units;
using Json = nlohmann::ordered_json;

constexpr int kCases = 150;

const Registry& zoo() {
  static auto r = Registry::builtin();
  return *r;
}

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& v) {
  return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

int log_uniform(std::mt19937& rng, int lo, int hi) {
  std::uniform_real_distribution<double> u(std::log(lo), std::log(hi));
  return static_cast<int>(std::lround(std::exp(u(rng))));
}

const std::vector<std::string>& precisions() {
  static const std::vector<std::string> p{"fp32", "bf16", "fp16", "fp8", "int8"};
  return p;
}

std::vector<std::shared_ptr<const Workload>> transformers() {
  std::vector<std::shared_ptr<const Workload>> out;
  for (const auto& m : zoo().all_models()) {
    if (m->kind == WorkloadKind::kTransformer) out.push_back(m);
  }
  return out;
}

/// The device with every bandwidth (memory, SRAM, flash, host link) times `f`.
std::shared_ptr<const Hardware> with_bandwidth(const Hardware& hw, double f) {
  auto h = std::make_shared<Hardware>(hw);
  h->memory.bandwidth = h->memory.bandwidth.scaled(f);
  if (h->memory.sram_bandwidth) h->memory.sram_bandwidth = h->memory.sram_bandwidth->scaled(f);
  if (h->memory.flash_bandwidth) h->memory.flash_bandwidth = h->memory.flash_bandwidth->scaled(f);
  if (h->interconnect) h->interconnect->bandwidth = h->interconnect->bandwidth.scaled(f);
  return h;
}

/// The device with every peak FLOP/s times `f`.
std::shared_ptr<const Hardware> with_flops(const Hardware& hw, double f) {
  auto h = std::make_shared<Hardware>(hw);
  h->compute.peak_flops = h->compute.peak_flops.scaled(f);
  for (auto& [name, peak] : h->compute.precision_flops) peak = peak.scaled(f);
  return h;
}

/// The device with its memory capacity (and SRAM / flash capacity) times `f`.
std::shared_ptr<const Hardware> with_memory(const Hardware& hw, double f) {
  auto h = std::make_shared<Hardware>(hw);
  h->memory.capacity = h->memory.capacity.scaled(f);
  if (h->memory.sram_capacity) h->memory.sram_capacity = h->memory.sram_capacity->scaled(f);
  if (h->memory.flash_capacity) h->memory.flash_capacity = h->memory.flash_capacity->scaled(f);
  return h;
}

/// A random Engine configuration of the zoo (a transformer, so that sequence length matters).
node::EngineInputs random_engine(std::mt19937& rng) {
  static const auto models = transformers();
  node::EngineInputs in;
  in.model = pick(rng, models);
  in.hardware = pick(rng, zoo().all_hardware());
  in.batch_size = log_uniform(rng, 1, 4096);
  in.seq_len = log_uniform(rng, 16, 32768);
  in.precision = pick(rng, precisions());
  in.efficiency = std::uniform_real_distribution<double>(0.05, 1.0)(rng);
  in.is_training = std::bernoulli_distribution(0.3)(rng);
  return in;
}

node::ServingInputs random_serving(std::mt19937& rng) {
  static const auto models = transformers();
  node::ServingInputs in;
  in.model = pick(rng, models);
  in.hardware = pick(rng, zoo().all_hardware());
  in.batch_size = log_uniform(rng, 1, 512);
  in.seq_len = log_uniform(rng, 16, 32768);
  in.precision = pick(rng, precisions());
  in.efficiency = std::uniform_real_distribution<double>(0.05, 1.0)(rng);
  return in;
}

// Relative slack for comparing two evaluations of the same formula.
bool at_least(double a, double b) { return a >= b * (1.0 - 1e-12); }

TEST(Properties, LatencyNeverFallsWhenBandwidthOrPeakFlopsFall) {
  std::mt19937 rng(20261201);
  for (int i = 0; i < kCases; ++i) {
    node::EngineInputs in = random_engine(rng);
    const double f = std::uniform_real_distribution<double>(0.05, 0.95)(rng);
    const node::PerformanceProfile base = node::solve(in);
    node::EngineInputs slow_bw = in;
    slow_bw.hardware = with_bandwidth(*in.hardware, f);
    node::EngineInputs slow_flops = in;
    slow_flops.hardware = with_flops(*in.hardware, f);
    const std::string what = in.model->info.path + " on " + in.hardware->info.path;
    EXPECT_TRUE(at_least(node::solve(slow_bw).latency.in(s), base.latency.in(s))) << what;
    EXPECT_TRUE(at_least(node::solve(slow_flops).latency.in(s), base.latency.in(s))) << what;

    node::ServingInputs sv = random_serving(rng);
    const node::ServingResult sb = node::serving(sv);
    node::ServingInputs sv_bw = sv;
    sv_bw.hardware = with_bandwidth(*sv.hardware, f);
    node::ServingInputs sv_flops = sv;
    sv_flops.hardware = with_flops(*sv.hardware, f);
    for (const auto& slower : {node::serving(sv_bw), node::serving(sv_flops)}) {
      EXPECT_TRUE(at_least(slower.ttft.in(s), sb.ttft.in(s))) << sv.hardware->info.path;
      EXPECT_TRUE(at_least(slower.itl.in(s), sb.itl.in(s))) << sv.hardware->info.path;
    }
  }
}

TEST(Properties, MemoryGrowsWithBatchAndSequence) {
  std::mt19937 rng(20261202);
  for (int i = 0; i < kCases; ++i) {
    node::EngineInputs in = random_engine(rng);
    node::EngineInputs bigger = in;
    bigger.batch_size = in.batch_size * std::uniform_int_distribution<int>(2, 8)(rng);
    EXPECT_TRUE(at_least(node::solve(bigger).memory_footprint.in(B),
                         node::solve(in).memory_footprint.in(B)))
        << in.model->info.path << " batch " << in.batch_size;

    node::ServingInputs sv = random_serving(rng);
    const double base = node::serving(sv).total_memory_required.in(B);
    node::ServingInputs more_batch = sv;
    more_batch.batch_size = sv.batch_size + std::uniform_int_distribution<int>(1, 64)(rng);
    node::ServingInputs more_seq = sv;
    more_seq.seq_len = *sv.seq_len + std::uniform_int_distribution<int>(1, 4096)(rng);
    EXPECT_GT(node::serving(more_batch).total_memory_required.in(B), base);
    EXPECT_GT(node::serving(more_seq).total_memory_required.in(B), base);
  }
}

TEST(Properties, FeasibleStaysFeasibleWithMoreMemory) {
  std::mt19937 rng(20261203);
  int feasible_seen = 0;
  for (int i = 0; i < kCases; ++i) {
    const double f = std::uniform_real_distribution<double>(1.01, 16.0)(rng);
    node::EngineInputs in = random_engine(rng);
    if (node::solve(in).feasible) {
      ++feasible_seen;
      node::EngineInputs roomier = in;
      roomier.hardware = with_memory(*in.hardware, f);
      EXPECT_TRUE(node::solve(roomier).feasible)
          << in.model->info.path << " on " << in.hardware->info.path;
    }
    node::ServingInputs sv = random_serving(rng);
    if (node::serving(sv).feasible) {
      ++feasible_seen;
      node::ServingInputs roomier = sv;
      roomier.hardware = with_memory(*sv.hardware, f);
      EXPECT_TRUE(node::serving(roomier).feasible) << sv.hardware->info.path;
    }
  }
  EXPECT_GT(feasible_seen, kCases / 4);  // the property was exercised
}

TEST(Properties, ServingKvCacheIsLinearInBatchAndSequence) {
  std::mt19937 rng(20261204);
  for (int i = 0; i < kCases; ++i) {
    node::ServingInputs sv = random_serving(rng);
    const int k = std::uniform_int_distribution<int>(2, 16)(rng);
    const double kv = node::serving(sv).kv_cache_size.in(B);
    ASSERT_GT(kv, 0.0);
    node::ServingInputs batch = sv;
    batch.batch_size = sv.batch_size * k;
    node::ServingInputs seq = sv;
    seq.seq_len = *sv.seq_len * k;
    EXPECT_NEAR(node::serving(batch).kv_cache_size.in(B), k * kv, 1e-9 * k * kv);
    EXPECT_NEAR(node::serving(seq).kv_cache_size.in(B), k * kv, 1e-9 * k * kv);
  }
}

/// A random Engine design space over zoo devices, batch sizes and precisions.
Json random_space(std::mt19937& rng) {
  std::vector<std::string> devices;
  for (const auto& h : zoo().all_hardware()) devices.push_back(h->info.path);
  Json hw = Json::array();
  Json batch = Json::array();
  Json prec = Json::array();
  const int nh = std::uniform_int_distribution<int>(2, 6)(rng);
  for (int j = 0; j < nh; ++j) hw.push_back(pick(rng, devices));
  const int nb = std::uniform_int_distribution<int>(1, 4)(rng);
  for (int j = 0; j < nb; ++j) batch.push_back(log_uniform(rng, 1, 1024));
  const int np = std::uniform_int_distribution<int>(1, 3)(rng);
  for (int j = 0; j < np; ++j) prec.push_back(pick(rng, precisions()));
  return {{"hardware", hw}, {"batch_size", batch}, {"precision", prec}};
}

/// The Engine result of one point of an Engine space (fixed model Llama3_8B).
node::PerformanceProfile evaluate_point(const Json& hardware, const Json& batch,
                                        const Json& precision) {
  node::EngineInputs in;
  in.model = zoo().model("Llama3_8B");
  in.hardware = zoo().hardware(hardware.get<std::string>());
  in.batch_size = batch.get<int>();
  in.precision = precision.get<std::string>();
  return node::solve(in);
}

TEST(Properties, DseBestIsNeverBeatenByAPointOfItsSpace) {
  std::mt19937 rng(20261205);
  for (int i = 0; i < 40; ++i) {
    const Json space = random_space(rng);
    const Json spec = {{"space", space},
                       {"objective", "minimize: latency"},
                       {"evaluator", {{"resolver", "Engine"}, {"fixed", {{"model", "Llama3_8B"}}}}},
                       {"top", 1}};
    const dse::Result r = dse::search_json(spec.dump(), zoo());
    ASSERT_EQ(r.top.size(), 1U);
    const auto& best = r.top[0].params;
    const double best_latency =
        evaluate_point(Json::parse(best[0]), Json::parse(best[1]), Json::parse(best[2]))
            .latency.in(s);
    for (const auto& h : space["hardware"]) {
      for (const auto& b : space["batch_size"]) {
        for (const auto& p : space["precision"]) {
          EXPECT_LE(best_latency, evaluate_point(h, b, p).latency.in(s)) << spec.dump();
        }
      }
    }
  }
}

TEST(Properties, ParetoFrontHasNoDominatedPoint) {
  std::mt19937 rng(20261206);
  for (int i = 0; i < 40; ++i) {
    const Json spec = {{"space", random_space(rng)},
                       {"objective", {"minimize: latency", "minimize: energy"}},
                       {"evaluator", {{"resolver", "Engine"}, {"fixed", {{"model", "Llama3_8B"}}}}},
                       {"top", 100000}};
    const dse::Result r = dse::search_json(spec.dump(), zoo());
    ASSERT_FALSE(r.pareto_front.empty());
    for (const auto& f : r.pareto_front) {
      for (const auto& c : r.top) {
        const bool dominated =
            c.objectives[0] <= f.objectives[0] && c.objectives[1] <= f.objectives[1] &&
            (c.objectives[0] < f.objectives[0] || c.objectives[1] < f.objectives[1]);
        EXPECT_FALSE(dominated) << spec.dump() << ": front point " << f.index << " by " << c.index;
      }
    }
  }
}

}  // namespace
}  // namespace mlsysim
