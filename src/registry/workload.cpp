#include "mlsysim/registry/workload.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "mlsysim/core/error.hpp"
#include "mlsysim/core/formulas.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim {

using namespace units;

ComputationGraph lower(const Workload& w, double bytes_per_param, std::string_view field) {
  ComputationGraph graph;
  graph.layers = w.layers;
  // A generic workload known only by its size: weights as declared, whatever the precision.
  if (w.kind == WorkloadKind::kGeneric && !w.parameters && w.model_size) {
    graph.weight_bytes = w.model_size->q;
    graph.total_ops = w.inference_flops ? w.inference_flops->q : Flops{};
    return graph;
  }
  const double p = w.parameters.value_or(0.0);
  if (!(p > 0.0)) {
    throw InputError("input.out_of_range", std::string(field),
                     fmt::format("{}: '{}' has {} parameters; the weights would be 0 bytes (the "
                                 "parameter count must be > 0)",
                                 field, w.name(), p));
  }
  graph.parameter_count = p;
  graph.weight_bytes = p * bytes_per_param * B;
  const Flops two_p = 2.0 * p * FLOP;
  switch (w.kind) {
    case WorkloadKind::kSparseTransformer:
      graph.total_ops =
          w.inference_flops ? w.inference_flops->q : 2.0 * w.active_parameters.value_or(p) * FLOP;
      break;
    case WorkloadKind::kDiffusion:
      graph.total_ops = (w.inference_flops ? w.inference_flops->q : two_p) *
                        static_cast<double>(w.denoising_steps.value_or(1));
      break;
    default:
      graph.total_ops = w.inference_flops ? w.inference_flops->q : two_p;
      break;
  }
  return graph;
}

Bytes size_in_bytes(const Workload& w, double bytes_per_param, std::string_view field) {
  if (!w.is_transformer() && w.model_size) return w.model_size->q;
  if (!w.parameters) {
    throw InputError("input.invalid", std::string(field),
                     fmt::format("{}: '{}' declares neither parameters nor model_size, so its size "
                                 "is unknown",
                                 field, w.name()));
  }
  return *w.parameters * bytes_per_param * B;
}

AttentionShape attention_shape(const Workload& w) {
  AttentionShape shape;
  shape.layers = w.layers.value_or(0) > 0 ? *w.layers : 1;
  shape.heads = w.heads.value_or(32);
  shape.kv_heads = w.kv_heads.value_or(shape.heads);
  shape.head_dim = w.hidden_dim.value_or(4096) / shape.heads;
  return shape;
}

Bytes kv_cache_size(const Workload& w, double seq_len, double batch, double bytes_per_element) {
  const AttentionShape shape = attention_shape(w);
  const double layers = w.layers.value_or(0);
  return 2.0 * layers * shape.kv_heads * shape.head_dim * seq_len * batch * bytes_per_element * B;
}

Flops prefill_flops(const Workload& w, double new_tokens, double seq_len, double batch) {
  const AttentionShape shape = attention_shape(w);
  const double linear = 2.0 * w.parameters.value_or(0.0) * new_tokens * batch;
  const double attention =
      4.0 * shape.layers * shape.heads * shape.head_dim * new_tokens * seq_len * batch;
  return (linear + attention) * FLOP;
}

void require_transformer(const Workload& w, std::string_view field, std::string_view resolver) {
  if (w.is_transformer()) return;
  throw InputError("input.invalid", std::string(field),
                   fmt::format("{}: '{}' is a {}; {} needs a TransformerWorkload or "
                               "SparseTransformerWorkload (layers, heads, hidden_dim)",
                               field, w.name(), workload_type_name(w.kind), resolver));
}

Bytes training_memory(const Workload& w, const TrainingMemoryOptions& o) {
  // The reference's training-memory model uses its own, shorter precision table.
  double bpp = 2.0;
  if (o.precision == "fp32") {
    bpp = 4.0;
  } else if (o.precision == "int8") {
    bpp = 1.0;
  } else if (o.precision == "int4") {
    bpp = 0.5;
  }
  const double p = w.parameters.value_or(0.0);
  Bytes weights = p * bpp * B;
  Bytes grads = p * bpp * B;
  std::string opt(o.optimizer);
  std::transform(opt.begin(), opt.end(), opt.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  Bytes optimizer = (opt == "adam" ? p * 12.0 : p * 4.0) * B;
  const int layers = w.layers.value_or(0);
  if (o.is_lora) {
    const double d = w.hidden_dim.value_or(4096);
    const double lora_params = 2.0 * o.lora_rank * d * (4.0 * layers);
    const double f = std::min(lora_params / p, 1.0);
    grads = grads * f;
    optimizer = optimizer * f;
  }
  if (o.zero_stage >= 1) optimizer = optimizer / static_cast<double>(o.dp_size);
  if (o.zero_stage >= 2) grads = grads / static_cast<double>(o.dp_size);
  if (o.zero_stage >= 3) weights = weights / static_cast<double>(o.dp_size);
  const Bytes activations = formulas::activation_memory(
      layers, o.seq_len, o.batch_size, w.hidden_dim.value_or(4096), bpp, o.strategy);
  return weights + grads + optimizer + activations;
}

}  // namespace mlsysim
