// ResponsibleEngineeringModel: a 100-hour training run made differentially private at a strict
// (ε = 1) and a loose (ε = 10) privacy budget, covering subgroups down to 1 % of the data.
#include <cstdio>

#include "mlsysim/ops/responsible_engineering.hpp"

int main() {
  using namespace mlsysim;
  for (double epsilon : {1.0, 10.0}) {
    const ops::ResponsibleEngineeringResult r = ops::responsible_engineering(
        {.base_training_time = units::Stated<units::kTime>::of(100.0, units::hour),
         .epsilon = epsilon});
    std::printf("epsilon %4.1f: DP-SGD slowdown %.1fx, training time %.0f %s, data x%.0f\n",
                epsilon, r.dp_slowdown_factor, r.effective_training_time.magnitude,
                r.effective_training_time.unit.c_str(), r.additional_data_requirement);
  }
}
