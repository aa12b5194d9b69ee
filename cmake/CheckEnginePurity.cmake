# Fails when the engine includes anything but the C++ standard library and its own headers.
# Run as: cmake -DENGINE_DIR=... -P CheckEnginePurity.cmake
file(GLOB engine_files "${ENGINE_DIR}/*.h" "${ENGINE_DIR}/*.cpp")
set(allowed
  algorithm array cassert cctype cstddef cstdint cstdlib cstring charconv compare functional
  iterator limits map memory numeric optional set span string string_view tuple type_traits
  unordered_map unordered_set utility variant vector)
set(failures "")
foreach(file IN LISTS engine_files)
  file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include")
  foreach(line IN LISTS lines)
    if(line MATCHES "<([^>]+)>")
      list(FIND allowed "${CMAKE_MATCH_1}" found)
      if(found EQUAL -1)
        string(APPEND failures "\n  ${file}: <${CMAKE_MATCH_1}>")
      endif()
    elseif(line MATCHES "\"([^\"]+)\"")
      if(NOT EXISTS "${ENGINE_DIR}/${CMAKE_MATCH_1}")
        string(APPEND failures "\n  ${file}: \"${CMAKE_MATCH_1}\" is not an engine header")
      endif()
    endif()
  endforeach()
endforeach()
if(failures)
  message(FATAL_ERROR "The engine must stay pure (standard library only):${failures}")
endif()
message(STATUS "engine purity: ok")
