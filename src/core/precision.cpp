#include "mlsysim/core/precision.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

#include "mlsysim/core/error.hpp"
#include "mlsysim/core/quiet.hpp"
#include "mlsysim/units/units.hpp"

namespace mlsysim {

double bytes_per_element(std::string_view precision, bool* known) {
  static constexpr std::array<std::pair<std::string_view, double>, 7> kBytes{{{"fp32", 4.0},
                                                                              {"tf32", 4.0},
                                                                              {"bf16", 2.0},
                                                                              {"fp16", 2.0},
                                                                              {"fp8", 1.0},
                                                                              {"int8", 1.0},
                                                                              {"int4", 0.5}}};
  for (const auto& [k, v] : kBytes) {
    if (k == precision) {
      if (known != nullptr) *known = true;
      return v;
    }
  }
  if (known != nullptr) *known = false;
  return 2.0;
}

const units::Stated<units::kFlopRate>& peak_flops(const Hardware& hw, std::string_view precision,
                                                  bool* fell_back) {
  if (const auto* p = hw.compute.find(precision)) {
    if (fell_back != nullptr) *fell_back = false;
    return *p;
  }
  if (fell_back != nullptr) *fell_back = true;
  return hw.compute.peak_flops;
}

const units::Stated<units::kFlopRate>& positive_peak_flops(const Hardware& hw,
                                                           std::string_view precision,
                                                           std::string_view field) {
  const auto& peak = peak_flops(hw, precision);
  if (!(peak.q > units::FlopRate{})) {
    throw InputError("input.out_of_range", std::string(field),
                     fmt::format("{}: '{}' has a peak of {} FLOP/s at precision '{}'; it must be "
                                 "> 0 (the compute time divides by it)",
                                 field, hw.name(), peak.q.in(units::FLOP_per_s), precision));
  }
  return peak;
}

void precision_warnings(const Hardware& hw, std::string_view precision, bool uses_width,
                        std::vector<std::string>& out) {
  if (quiet()) return;  // text only; the numbers come from bytes_per_element() and peak_flops()
  bool known = true;
  (void)bytes_per_element(precision, &known);
  if (uses_width && !known) {
    out.push_back(fmt::format(
        "precision '{}' is not one of fp32, tf32, bf16, fp16, fp8, int8, int4; computing with 2 "
        "bytes per value (fp16), as the reference does",
        precision));
  }
  bool fell_back = false;
  const auto& peak = peak_flops(hw, precision, &fell_back);
  if (fell_back && precision != "fp16" && precision != "bf16" &&
      !hw.compute.precision_flops.empty()) {
    out.push_back(fmt::format("{} lists no peak for precision '{}'; using its default peak {} {}",
                              hw.name(), precision, peak.q.in(units::TFLOP_per_s),
                              units::TFLOP_per_s.symbol));
  }
}

}  // namespace mlsysim
