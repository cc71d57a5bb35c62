// Numeric precisions: bytes per element and the peak FLOP/s a device reaches at each.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "mlsysim/registry/entities.hpp"
#include "mlsysim/units/quantity.hpp"

namespace mlsysim {

/// Bytes per element of a precision key (fp32/tf32 4, bf16/fp16 2, fp8/int8 1, int4 0.5).
/// As in the reference, lookup is case-sensitive and an unknown key counts as 2 bytes (fp16);
/// `known` tells whether the key was found.
[[nodiscard]] double bytes_per_element(std::string_view precision, bool* known = nullptr);

/// The device's peak at a precision: its `precision_flops` entry if listed, otherwise the
/// default (dense FP16/BF16) `peak_flops`. `fell_back` tells which.
[[nodiscard]] const units::Stated<units::kFlopRate>& peak_flops(const Hardware& hw,
                                                                std::string_view precision,
                                                                bool* fell_back = nullptr);

/// peak_flops, checked: throws InputError on `field` when the peak is not > 0, since compute times
/// divide by it.
[[nodiscard]] const units::Stated<units::kFlopRate>& positive_peak_flops(
    const Hardware& hw, std::string_view precision, std::string_view field = "hardware");

/// Appends to `out` the warnings a resolver reports about `precision` on `hw`: a key that is not in
/// the table (computed as 2 bytes per value; only when `uses_width`, i.e. the resolver sizes data
/// with it), and a device that lists peaks for other precisions but not this one (its default peak
/// is used). fp16 and bf16 are the default peak's precisions and never warn.
void precision_warnings(const Hardware& hw, std::string_view precision, bool uses_width,
                        std::vector<std::string>& out);

}  // namespace mlsysim
