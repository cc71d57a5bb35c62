// Realistic variants of the reference's resolvers: the same Inputs and Result structs (so every
// interface — JSON, flags, schema, Python — works unchanged), computed with the realistic physics
// and the active calibration. Registered in a catalog of their own and chosen by `--fidelity
// realistic`; the faithful resolvers are untouched.
//
//   auto p = realistic::engine({.model = zoo->model("Llama3_8B"), .hardware =
//   zoo->hardware("H100")}); p.latency.in(units::ms);   // one decode step of batch 1 at seq_len,
//   achieved ceilings
#pragma once

#include "mlsysim/core/catalog.hpp"
#include "mlsysim/node/engine.hpp"
#include "mlsysim/node/serving.hpp"

namespace mlsysim::realistic {

/// Engine.solve, realistic: a transformer's decode step (inference) or training step at
/// `batch_size` × `seq_len` with the real KV geometry; a CNN's batch at achieved GEMM rate.
/// `efficiency` is replaced by the calibrated ceilings (a warning says so when one is given).
[[nodiscard]] node::PerformanceProfile engine(const node::EngineInputs& in);

/// ServingModel.solve, realistic: TTFT = prefill of `seq_len` tokens for the batch, ITL = one
/// decode step, KV cache from kv_heads × head_dim.
[[nodiscard]] node::ServingResult serving(const node::ServingInputs& in);

/// The realistic variant of a resolver, by its canonical name ("Engine", "SingleNodeModel",
/// "ServingModel"); nullptr when it has none.
[[nodiscard]] const Resolver* find_resolver(std::string_view name);

}  // namespace mlsysim::realistic
