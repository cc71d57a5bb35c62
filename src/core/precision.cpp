#include "mlsysim/core/precision.hpp"

#include <array>
#include <utility>

namespace mlsysim {

double bytes_per_element(std::string_view precision, bool* known) {
  static constexpr std::array<std::pair<std::string_view, double>, 7> kBytes{
      {{"fp32", 4.0}, {"tf32", 4.0}, {"bf16", 2.0}, {"fp16", 2.0}, {"fp8", 1.0}, {"int8", 1.0},
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

}  // namespace mlsysim
