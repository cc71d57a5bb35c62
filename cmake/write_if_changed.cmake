# write_if_changed(PATH TEXT): writes TEXT to PATH unless it already holds it, so that a
# regenerated source does not trigger a rebuild when nothing changed.
function(write_if_changed path text)
  if(EXISTS "${path}")
    file(READ "${path}" old)
  else()
    set(old "")
  endif()
  if(NOT old STREQUAL text)
    file(WRITE "${path}" "${text}")
  endif()
endfunction()
