# Compile-fail check: SOURCE must compile as is, and must fail to compile with
# -DMLSYSIM_COMPILE_FAIL, printing a message that matches the `// expect-error: REGEX` line.
file(STRINGS "${SOURCE}" expect REGEX "^// expect-error: ")
if(NOT expect)
  message(FATAL_ERROR "${SOURCE}: no '// expect-error: REGEX' line")
endif()
string(REGEX REPLACE "^// expect-error: " "" expect "${expect}")
execute_process(COMMAND "${CXX}" -std=c++20 -fsyntax-only -I "${INCLUDE}" "${SOURCE}"
                RESULT_VARIABLE ok_rc ERROR_VARIABLE ok_err)
if(NOT ok_rc EQUAL 0)
  message(FATAL_ERROR "the control build (without MLSYSIM_COMPILE_FAIL) failed:\n${ok_err}")
endif()
execute_process(COMMAND "${CXX}" -std=c++20 -fsyntax-only -DMLSYSIM_COMPILE_FAIL -I "${INCLUDE}"
                        "${SOURCE}"
                RESULT_VARIABLE bad_rc ERROR_VARIABLE bad_err)
if(bad_rc EQUAL 0)
  message(FATAL_ERROR "compiled, but must not")
endif()
if(NOT bad_err MATCHES "${expect}")
  message(FATAL_ERROR "failed, but without the expected message '${expect}':\n${bad_err}")
endif()
message(STATUS "fails to compile as expected: ${expect}")
