#include <gtest/gtest.h>

#include "mlsysim/core/error.hpp"
#include "mlsysim/realistic/physics.hpp"
#include "mlsysim/realistic/predict.hpp"
#include "mlsysim/registry/registry.hpp"

namespace mlsysim::realistic {
namespace {

using namespace units;

Accelerator h100() { return accelerator_from(*Registry::builtin()->hardware("H100")); }

ModelArch llama2_70b() {
  ModelArch m;
  m.name = "Llama-2-70B";
  m.parameters = 68976648192.0;
  m.layers = 80;
  m.hidden_dim = 8192;
  m.heads = 64;
  m.kv_heads = 8;
  m.head_dim = 128;
  m.ffn_dim = 28672;
  m.vocab_size = 32000;
  return m;
}

Tokens tokens(std::optional<double> mean, std::optional<double> min, std::optional<double> max) {
  Tokens t;
  t.mean = mean;
  t.min = min;
  t.max = max;
  return t;
}

Scenario serving_scenario() {
  Scenario s;
  s.task = Task::kInferOffline;
  s.model = llama2_70b();
  s.hardware = h100();
  s.accelerators = 2;
  s.tp = 2;
  s.layout_stated = true;
  s.precision = "fp8";
  s.input_tokens = tokens(128.0, 128.0, 128.0);
  s.output_tokens = tokens(128.0, 128.0, 128.0);
  return s;
}

TEST(RealisticCeilings, GemmRateGrowsWithSizeAndStaysBelowPeak) {
  const Calibration& c = Calibration::builtin();
  const Accelerator a = h100();
  const double small = achieved_gemm(a, "bf16", 256, 256, 256, c).in(TFLOP_per_s);
  const double large = achieved_gemm(a, "bf16", 16384, 16384, 16384, c).in(TFLOP_per_s);
  EXPECT_LT(small, large);
  EXPECT_LT(large, 989.0);
  EXPECT_GT(large, 0.5 * 989.0);
  // fp8 runs on the fp8 peak (twice the 16-bit one) at its own ceiling.
  EXPECT_GT(achieved_gemm(a, "fp8", 16384, 16384, 16384, c).in(TFLOP_per_s), large);
}

TEST(RealisticCeilings, PrecisionsThePartLacksRunOnTheWiderPath) {
  const Accelerator a100 = accelerator_from(*Registry::builtin()->hardware("A100"));
  EXPECT_DOUBLE_EQ(a100.peak_at("fp8").in(TFLOP_per_s), 312.0);   // no fp8 units: 16-bit math
  EXPECT_DOUBLE_EQ(a100.peak_at("int8").in(TFLOP_per_s), 624.0);  // integer tensor cores
  EXPECT_DOUBLE_EQ(a100.peak_at("bf16").in(TFLOP_per_s), 312.0);
  EXPECT_EQ(a100.family, Family::kAmpere);
  EXPECT_EQ(h100().family, Family::kHopper);
}

TEST(RealisticCeilings, AllReduceBusBandwidthIsBoundedByTheSlowerStage) {
  const Calibration& c = Calibration::builtin();
  Fabric f{8, 900.0 * GB_per_s, 50.0 * GB_per_s, false};
  const double one_node = allreduce_busbw(8, f, c).in(GB_per_s);
  EXPECT_LE(one_node, 450.0 * 1.2);  // unidirectional NVLink × efficiency
  const double four_nodes = allreduce_busbw(32, f, c).in(GB_per_s);
  EXPECT_LE(four_nodes, one_node);
  f.nvls = true;
  EXPECT_GT(allreduce_busbw(8, f, c).in(GB_per_s), one_node);
  EXPECT_EQ(allreduce_time(1.0 * GB, 1, f, c), Seconds{});
}

TEST(RealisticTransformer, KvCacheFollowsKvHeadsNotQueryHeads) {
  const Shape gqa = shape_of(llama2_70b());
  EXPECT_DOUBLE_EQ(gqa.kv_per_token, 2.0 * 80 * 8 * 128);
  ModelArch mha = llama2_70b();
  mha.kv_heads.reset();  // unstated: multi-head attention
  EXPECT_DOUBLE_EQ(shape_of(mha).kv_per_token, 2.0 * 80 * 64 * 128);
  ModelArch mla = llama2_70b();
  mla.kv_lora_rank = 512;
  mla.qk_rope_head_dim = 64;
  EXPECT_DOUBLE_EQ(shape_of(mla).kv_per_token, 80.0 * (512 + 64));
  // Sliding windows cap the attended context.
  ModelArch swa = llama2_70b();
  swa.sliding_window = 4096;
  EXPECT_DOUBLE_EQ(forward_flops_per_token(shape_of(swa), 32768),
                   forward_flops_per_token(shape_of(swa), 4096));
}

TEST(RealisticTransformer, ZooEntriesCarryTheirPublishedArchitecture) {
  const auto zoo = Registry::builtin();
  const ModelArch llama = arch_from(*zoo->model("Llama2_70B"));
  EXPECT_EQ(llama.kv_heads, 8);  // the 0.1.1 entry lacks it; its config.json has 8
  EXPECT_DOUBLE_EQ(shape_of(llama).kv_per_token, 2.0 * 80 * 8 * 128);
  EXPECT_EQ(arch_from(*zoo->model("BERT_Large")).architecture, Architecture::kTransformerEncoder);
  // ResNet-50's zoo cost is in MACs: FLOPs are twice that.
  EXPECT_DOUBLE_EQ(*arch_from(*zoo->model("ResNet50")).flops_per_sample,
                   2.0 * zoo->model("ResNet50")->inference_flops->q.in(FLOP));
}

TEST(RealisticTransformer, MoeActiveParametersFromTheShapeWhenUnstated) {
  // Mixtral-8x7B's published shape: 46.7 B total, 12.9 B active (2 of 8 experts).
  ModelArch m;
  m.architecture = Architecture::kMoeTransformer;
  m.layers = 32;
  m.hidden_dim = 4096;
  m.heads = 32;
  m.kv_heads = 8;
  m.head_dim = 128;
  m.ffn_dim = 14336;
  m.vocab_size = 32000;
  m.experts = 8;
  m.experts_per_token = 2;
  const Shape s = shape_of(m);
  EXPECT_NEAR(s.parameters / 1e9, 46.7, 0.1);
  EXPECT_NEAR(s.active / 1e9, 12.9, 0.1);
  m.parameters = 46702792704.0;  // stated: the shape only fills the active count
  EXPECT_NEAR(shape_of(m).active / 1e9, 12.9, 0.1);
}

TEST(RealisticTransformer, MissingShapeIsAnInputError) {
  ModelArch m;
  EXPECT_THROW((void)shape_of(m), InputError);
}

TEST(RealisticInference, DecodeStepGrowsWithBatchAndContext) {
  const Calibration& c = Calibration::builtin();
  const Scenario s = serving_scenario();
  const LlmEngine e = llm_engine(s, 256, c);
  EXPECT_EQ(e.tp, 2);
  const double t1 = decode_step(e, 1, 256, c).in(ms);
  const double t64 = decode_step(e, 64, 256, c).in(ms);
  const double t64_long = decode_step(e, 64, 4096, c).in(ms);
  EXPECT_LT(t1, t64);
  EXPECT_LT(t64, t64_long);
  // Batch 1 is bound by reading the weights: at least weights / (TP · peak bandwidth).
  EXPECT_GT(t1, 68976648192.0 / 2 / 3.35e12 * 1e3);
  EXPECT_GT(prefill_time(e, 2048, c), prefill_time(e, 128, c));
}

TEST(RealisticInference, OfflineThroughputScalesWithReplicas) {
  const Calibration& c = Calibration::builtin();
  Scenario s = serving_scenario();
  const auto one = predict(s, "throughput_tokens_per_s", c);
  ASSERT_TRUE(one.value) << one.why_not;
  s.accelerators = 8;
  s.replicas = 4;
  const auto four = predict(s, "throughput_tokens_per_s", c);
  ASSERT_TRUE(four.value);
  EXPECT_NEAR(*four.value / *one.value, 4.0, 1e-9);
}

TEST(RealisticInference, AnOpenLoadBelowCapacityCompletesWhatArrives) {
  const Calibration& c = Calibration::builtin();
  Scenario s = serving_scenario();
  s.task = Task::kServe;
  s.load_mode = "poisson";
  s.arrival_rate_qps = 0.5;
  const auto p = predict(s, "throughput_tokens_per_s", c);
  ASSERT_TRUE(p.value) << p.why_not;
  EXPECT_DOUBLE_EQ(*p.value, 0.5 * 128);
  s.arrival_rate_qps = 1e6;  // far past capacity: the engine's throughput
  s.task = Task::kInferOffline;
  const double capacity = *predict(s, "throughput_tokens_per_s", c).value;
  s.task = Task::kServe;
  EXPECT_DOUBLE_EQ(*predict(s, "throughput_tokens_per_s", c).value, capacity);
}

TEST(RealisticTraining, ExpertParallelAllToAllCostsTime) {
  const Calibration& c = Calibration::builtin();
  Scenario s;
  s.task = Task::kTrain;
  ModelArch m = llama2_70b();
  m.architecture = Architecture::kMoeTransformer;
  m.experts = 8;
  m.experts_per_token = 2;
  m.active_parameters = 20e9;
  s.model = m;
  s.hardware = h100();
  s.precision = "bf16";
  s.seq_len = 4096;
  s.global_batch = 256;
  s.intra_node_bw = 900.0 * GB_per_s;
  s.inter_node_bw = 50.0 * GB_per_s;
  s.accelerators = 64;
  s.tp = 2;
  s.ep = 1;
  const TrainingStep no_ep = training_step(s, c);
  s.ep = 8;
  EXPECT_GT(training_step(s, c).exposed_comm, no_ep.exposed_comm);
}

TEST(RealisticTraining, MoreDataParallelReplicasShortenTheStep) {
  const Calibration& c = Calibration::builtin();
  Scenario s;
  s.task = Task::kTrain;
  s.model = llama2_70b();
  s.hardware = h100();
  s.precision = "bf16";
  s.seq_len = 4096;
  s.global_batch = 512;
  s.micro_batch = 1;
  s.tp = 8;
  s.pp = 4;
  s.vp = 1;
  s.intra_node_bw = 900.0 * GB_per_s;
  s.inter_node_bw = 50.0 * GB_per_s;
  s.accelerators = 256;
  const TrainingStep small = training_step(s, c);
  s.accelerators = 1024;
  const TrainingStep large = training_step(s, c);
  EXPECT_LT(large.step, small.step);
  EXPECT_DOUBLE_EQ(small.tokens, 512.0 * 4096);
  // Pipeline bubble (pp − 1)/(vp · m) with m = 512 / (8 · 1) microbatches at dp = 8.
  EXPECT_NEAR(small.bubble, 3.0 / 64.0, 1e-12);
  // Full recomputation repeats the forward: a longer step.
  s.recompute = "full";
  EXPECT_GT(training_step(s, c).step, large.step);
}

TEST(RealisticPredict, DeclinesWithAReasonInsteadOfGuessing) {
  Scenario s;
  s.task = Task::kTrain;
  s.model = llama2_70b();
  s.hardware = h100();
  s.seq_len = 4096;
  s.global_batch = 64;
  const auto p = predict(s, "time_to_train_min", Calibration::builtin());
  EXPECT_FALSE(p.value);
  EXPECT_NE(p.why_not.find("samples_to_train"), std::string::npos);
  s.samples_to_train = 6400;
  EXPECT_TRUE(predict(s, "time_to_train_min", Calibration::builtin()).value);
}

TEST(RealisticPredict, TokensTypicalLength) {
  EXPECT_EQ(*tokens(100.0, {}, {}).typical(), 100.0);
  EXPECT_EQ(*tokens({}, 30.0, 130.0).typical(), 80.0);
  EXPECT_EQ(*tokens({}, {}, 1024.0).typical(), 512.0);
  EXPECT_FALSE(Tokens{}.typical());
}

}  // namespace
}  // namespace mlsysim::realistic
