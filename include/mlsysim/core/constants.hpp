// The reference's default constants that more than one resolver uses (its `defaults` module).
// Constants that only one resolver uses live next to that resolver.
#pragma once

namespace mlsysim::constants {

/// FRAMEWORK_LAYER_TAX_MS: framework overhead per layer and step, in ms (Engine, ServingModel).
inline constexpr double kLayerTaxMs = 0.01;

/// HFU_MFU_RATIO: hardware FLOPs per model FLOP (Engine, EfficiencyModel).
inline constexpr double kHfuMfuRatio = 1.1;

/// Accelerator power model: an idle floor of 30 % of TDP plus 70 % of TDP scaled by MFU (Engine,
/// SustainabilityModel).
inline constexpr double kIdlePowerFraction = 0.3;
inline constexpr double kDynamicPowerFraction = 0.7;

}  // namespace mlsysim::constants
