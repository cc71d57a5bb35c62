// Test helper: asserts that a call throws InputError on a given field, with a message that names
// it.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "mlsysim/core/error.hpp"

namespace mlsysim::testing {

/// Runs `call` and expects an InputError whose field() is `field` and whose message names the
/// field and contains `fragment` (when given).
template <class Call>
void expect_input_error(Call&& call, std::string_view field, std::string_view fragment = {}) {
  try {
    call();
    ADD_FAILURE() << "expected an InputError on " << field;
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    const std::string msg = e.what();
    EXPECT_NE(msg.find(field), std::string::npos) << msg;
    if (!fragment.empty()) {
      EXPECT_NE(msg.find(fragment), std::string::npos) << msg;
    }
  }
}

}  // namespace mlsysim::testing
