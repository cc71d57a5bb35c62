// Scenario — one measured setup as the realistic layer reads it: the model, one accelerator's
// achieved-ceiling inputs, the scale, the parallel layout, the batch and the load. It is the
// structured form of a validation record's `scenario` (docs/realistic.md, format 1); nothing in it
// is a measured outcome.
//
//   auto records = realistic::read_records("tests/realistic/calibration.json",
//   *Registry::builtin()); for (const auto& r : records) realistic::predict(r.scenario, r.metric,
//   calibration);
//
// Unset convention as in architecture.hpp: std::optional means "not stated".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mlsysim/realistic/architecture.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim {
class Registry;
struct Hardware;
struct Workload;
}  // namespace mlsysim

namespace mlsysim::realistic {

/// A device family: the generation whose achieved ceilings a part shares. Calibration parameters
/// are scoped by family (and precision, and workload class) at most.
enum class Family { kAmpere, kAda, kHopper, kBlackwell, kCdna, kOther };

[[nodiscard]] std::string_view to_string(Family f);

/// One accelerator: datasheet peaks (dense) and the memory system. Achieved values come from the
/// ceilings in physics.hpp, never from here.
struct Accelerator {
  std::string name;  ///< for humans
  Family family = Family::kOther;
  std::map<std::string, units::FlopRate, std::less<>>
      peak;  ///< per precision: fp32, tf32, bf16, fp16, ...
  units::Bandwidth memory_bandwidth;
  units::Bytes memory_capacity;
  std::optional<units::Watts> tdp;
  std::optional<units::Bandwidth> scale_up_bw;  ///< per accelerator, bidirectional (NVLink, XGMI)

  /// Dense peak at `precision`; a precision the part lacks runs on the path it falls back to
  /// (fp4 → fp8 → 16-bit; int8 → fp8 units → 16-bit; fp8 without fp8 units → 16-bit; bf16 ↔
  /// fp16; tf32 → half the 16-bit rate; fp32 → tf32).
  [[nodiscard]] units::FlopRate peak_at(const std::string& precision) const;
};

struct Tokens {
  std::optional<double> mean, min, max;
  /// The mean if stated, else the midpoint of min and max, else max / 2 (uniform over [0, max]).
  [[nodiscard]] std::optional<double> typical() const;
};

enum class Task { kTrain, kInferOffline, kServe, kKernel, kReliability };

struct Scenario {
  Task task = Task::kInferOffline;
  std::string dataset;
  std::optional<ModelArch> model;
  Accelerator hardware;
  std::optional<std::string> model_zoo;     ///< the model's zoo path, when the zoo has it
  std::optional<std::string> hardware_zoo;  ///< the accelerator's zoo path, when the zoo has it

  // --- scale
  // ---------------------------------------------------------------------------------------
  int accelerators = 1;
  std::optional<int> nodes;
  std::optional<int> accelerators_per_node;
  std::optional<units::Bandwidth> intra_node_bw;  ///< per accelerator, bidirectional
  std::optional<units::Bandwidth> inter_node_bw;  ///< per accelerator, unidirectional
  std::optional<units::Watts> power_cap;

  // --- numerics and layout
  // -------------------------------------------------------------------------
  std::string precision = "bf16";  ///< compute precision ("mixed": its first component)
  std::optional<std::string> precision_weights;
  std::optional<std::string> precision_kv_cache;
  int tp = 1, pp = 1, cp = 1, ep = 1, vp = 1;
  std::optional<int> dp;
  std::optional<int> replicas;
  bool layout_stated = false;  ///< the source states the parallel layout (tp, pp or replicas)
  bool fsdp = false;
  std::string recompute = "none";  ///< none | selective | full
  bool sequence_parallel = false;
  bool lora = false;

  // --- training batch
  // ------------------------------------------------------------------------------
  std::optional<double> global_batch;  ///< sequences (samples for CNNs)
  std::optional<double> micro_batch;
  std::optional<double> grad_accum;
  std::optional<double> global_tokens;
  std::optional<int> seq_len;
  std::optional<double> samples_to_train;
  std::string flops_convention;  ///< megatron_model | megatron_hardware | source
  std::optional<double> mfu_peak_tflops;

  // --- inference
  // -----------------------------------------------------------------------------------
  bool static_batching = false;
  std::optional<double> engine_batch_size;
  std::map<std::string, double> engine_batch_by_component;
  std::optional<double> max_num_tokens;
  std::optional<double> mean_batch_size;
  int beams = 1;
  Tokens input_tokens, output_tokens;
  std::optional<double> num_requests;
  std::string load_mode = "offline";  ///< offline | poisson | concurrency | max_under_slo
  std::optional<double> arrival_rate_qps;
  std::optional<double> concurrency;
  std::optional<double> slo_ttft_ms, slo_tpot_ms, slo_latency_ms;
  std::optional<double> op_tokens_per_s, op_samples_per_s;  ///< power: the run's throughput
  std::optional<int> output_resolution;
  std::optional<int> denoising_steps;
  std::optional<int> unet_evals_per_step;
  std::string energy_scope, power_scope;  ///< gpu | system_ac

  // --- kernels
  // -------------------------------------------------------------------------------------
  std::string kernel;  ///< gemm | memcpy | allreduce | attention_fwd | attention_decode
  std::optional<double> m, n, k;
  std::optional<double> bytes;
  std::optional<int> gpus;
  std::optional<bool> nvls;
  std::string implementation;
  std::optional<int> head_dim, heads, batch_size;
  std::optional<bool> causal;

  // --- reliability and carbon
  // ----------------------------------------------------------------------
  std::optional<double> duration_days;
  std::string interruption_cause;
  std::optional<double> gpu_hours;

  std::vector<std::string> unstated;  ///< field paths the source does not publish
};

/// One measured scenario of a validation file, as `validate` may read it: id, group (for
/// leave-one-group-out), category, the scenario and the target metric. The measured value is kept
/// apart (`measured`) so predictions never see it; only the error report and the fit read it.
struct Record {
  std::string id;
  std::string group;
  std::string category;
  std::optional<std::string> metric;  ///< target.metric; empty for a null target
  std::optional<double> measured;     ///< target.value (error reporting and fitting only)
  Scenario scenario;
  std::string why_not;  ///< set when the scenario could not be read (unknown part, bad field)
};

/// A zoo accelerator with the realistic layer's additions (family, missing precisions, link).
[[nodiscard]] Accelerator accelerator_from(const Hardware& hw);
/// The architecture of a workload: an imported configuration's full ModelArch, else the fields a
/// zoo entry carries plus its published configuration (CNN cost read as MACs, doubled to FLOPs).
[[nodiscard]] ModelArch arch_from(const Workload& w);

/// Reads a validation file (a JSON list of records). Throws InputError (input.malformed) with the
/// file name for unreadable JSON; a record whose scenario cannot be read keeps a `why_not`.
[[nodiscard]] std::vector<Record> read_records(const std::string& path, const Registry& zoo);

}  // namespace mlsysim::realistic
