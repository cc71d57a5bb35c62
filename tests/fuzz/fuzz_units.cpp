// Fuzzes the unit-string parser: `3.35 TB / s`, `989 TFLOPs/second`, `1 / second`, ... Either
// the text parses to a finite quantity whose printed form parses back to the same value, or it is
// rejected with a UnitError.
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "contract.hpp"
#include "mlsysim/units/any_quantity.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using mlsysim::fuzz::violation;
  using mlsysim::units::AnyQuantity;
  const std::string text(reinterpret_cast<const char*>(data), size);
  mlsysim::fuzz::expect_contract([&] {
    const AnyQuantity q = AnyQuantity::parse(text);
    if (!std::isfinite(q.magnitude()) || !std::isfinite(q.si()) ||
        !std::isfinite(q.unit_factor()) || q.unit_factor() <= 0.0) {
      violation("a quantity that is not finite", text);
    }
    // What it prints reads back as the same quantity (to rounding: `3/35 TB/35` divides twice).
    auto close = [](double a, double b) { return std::abs(a - b) <= 1e-12 * std::abs(b); };
    const AnyQuantity again = AnyQuantity::parse(q.str());
    if (!(again.dim() == q.dim()) || !close(again.si(), q.si())) {
      violation("str() does not round-trip", text);
    }
    if (!close(q.in(q.unit()), q.magnitude())) violation("in(own unit) is not the magnitude", text);
  });
  mlsysim::fuzz::expect_contract([&] {
    const auto spec = mlsysim::units::parse_unit(text);
    if (!std::isfinite(spec.factor) || spec.factor <= 0.0)
      violation("a unit of no finite size", text);
  });
  return 0;
}
