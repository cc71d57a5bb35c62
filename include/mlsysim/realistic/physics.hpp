// The realistic physics: achieved ceilings instead of datasheet peaks, transformer costs per
// token, a training step with TP/PP/DP/CP/EP sharding, and an inference engine with tensor-parallel
// replicas, continuous batching and Poisson load. Pure functions of a Scenario (or its parts) and a
// Calibration; docs/realistic.md derives each formula.
//
//   realistic::Calibration cal = realistic::Calibration::builtin();
//   auto rate = realistic::achieved_gemm(h100, "bf16", 8192, 8192, 8192, cal);  // ≈ 800 TFLOP/s
//   auto step = realistic::training_step(scenario, cal).step;                    // Seconds
#pragma once

#include <optional>
#include <string>

#include "mlsysim/realistic/calibration.hpp"
#include "mlsysim/realistic/scenario.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim::realistic {

// ----------------------------------------------------------------------- achieved ceilings ------
/// Bytes per element of a precision (fp32 4, bf16/fp16 2, fp8/int8 1, fp4/int4 0.5).
[[nodiscard]] double element_bytes(const std::string& precision);

/// Dense matrix-multiply rate for an m×k by k×n product: peak × ceiling(family, precision) ×
/// d/(d + d½) with d = (m·n·k)^(1/3).
[[nodiscard]] units::FlopRate achieved_gemm(const Accelerator& a, const std::string& precision,
                                            double m, double n, double k, const Calibration& c);
/// The GEMM ceiling fraction alone (large shapes).
[[nodiscard]] double gemm_ceiling(const Accelerator& a, const std::string& precision,
                                  const Calibration& c);
/// Achieved HBM bandwidth (a large device-to-device copy).
[[nodiscard]] units::Bandwidth achieved_hbm(const Accelerator& a, const Calibration& c);

/// nccl-tests bus bandwidth of an all-reduce of `bytes` over `gpus` accelerators, `per_node` per
/// server: the scale-up link (NVLink/XGMI, NVLS when `nvls`) inside a node, the NICs across nodes
/// (hierarchical: the slower stage bounds it).
struct Fabric {
  int per_node = 8;
  std::optional<units::Bandwidth> scale_up;   ///< per accelerator, bidirectional
  std::optional<units::Bandwidth> scale_out;  ///< per accelerator, unidirectional
  bool nvls = false;
};
[[nodiscard]] units::Bandwidth allreduce_busbw(int gpus, const Fabric& f, const Calibration& c);
/// Time of one all-reduce of `bytes` over `gpus`: latency + 2(n−1)/n · bytes / busbw.
[[nodiscard]] units::Seconds allreduce_time(units::Bytes bytes, int gpus, const Fabric& f,
                                            const Calibration& c);

// ----------------------------------------------------------------------- transformer costs ------
/// The architecture with every derived field filled (head_dim = hidden/heads, kv_heads = heads,
/// active = total, ...). Throws InputError naming the missing field when parameters and the
/// shape are both absent.
struct Shape {
  double parameters = 0, active = 0;
  double layers = 0, hidden = 0, heads = 0, kv_heads = 0, head_dim = 0, ffn = 0, vocab = 0;
  double experts = 0, experts_per_token = 0;
  double window = 0;        ///< sliding window (0: full attention)
  double kv_per_token = 0;  ///< KV-cache elements per token (all layers)
};
[[nodiscard]] Shape shape_of(const ModelArch& m);

/// Forward FLOPs of one token that attends to `context` earlier tokens: 2·N_active + 4·layers·
/// min(context, window)·heads·head_dim.
[[nodiscard]] double forward_flops_per_token(const Shape& s, double context);

// ----------------------------------------------------------------------------- training ------
struct TrainingStep {
  units::Seconds step;          ///< one iteration over the global batch
  units::Seconds compute;       ///< pipeline-stage compute incl. bubble
  units::Seconds exposed_comm;  ///< communication left on the critical path
  double tokens = 0;            ///< tokens (samples for CNNs) per iteration
  double model_flops = 0;       ///< 6·N·tokens + attention (no recompute)
  double bubble = 0;            ///< (pp−1)/(vp·m)
};
/// Throws InputError when the batch or sequence length is not stated.
[[nodiscard]] TrainingStep training_step(const Scenario& s, const Calibration& c);

// ---------------------------------------------------------------------------- inference ------
/// One engine replica of a tensor (and pipeline) parallel LLM deployment.
struct LlmEngine {
  Shape shape;
  const Accelerator* hw = nullptr;
  std::string precision;
  double weight_bytes = 0;  ///< per element
  double kv_bytes = 0;      ///< per element
  int tp = 1, pp = 1;
  Fabric fabric;
  double max_batch = 0;  ///< sequences the KV cache holds (and the engine allows)
};
/// The engine of a scenario at mean `context`; `tp` > 0 overrides the stated tensor parallelism.
[[nodiscard]] LlmEngine llm_engine(const Scenario& s, double context, const Calibration& c,
                                   int tp = 0);
/// The smallest power-of-two tensor-parallel group whose memory holds the weights with a quarter
/// to spare for the KV cache.
[[nodiscard]] int min_tensor_parallel(const Scenario& s);

/// One decode step of `batch` sequences at mean `context`: max(weights + KV reads, compute) +
/// per-layer and per-step overhead + tensor-parallel all-reduces.
struct StepParts {
  units::Seconds memory, compute;  ///< the two roofline terms (the step takes the larger)
  units::FlopRate rate;            ///< the achieved GEMM rate the compute term ran at
};
[[nodiscard]] units::Seconds decode_step(const LlmEngine& e, double batch, double context,
                                         const Calibration& c, StepParts* parts = nullptr);
/// Prefill of `tokens` prompt tokens of one request: compute-bound, with a weight-read floor and
/// the per-layer overhead when it runs alone; `batched` = its share of a batched prefill (compute
/// only).
[[nodiscard]] units::Seconds prefill_time(const LlmEngine& e, double tokens, const Calibration& c,
                                          bool batched = false);

// ------------------------------------------------------------------------------- power -------
/// Accelerator board power at utilization u ∈ [0, 1]: idle + (limit − idle) · u.
[[nodiscard]] units::Watts board_power(const Scenario& s, double utilization, const Calibration& c);

}  // namespace mlsysim::realistic
