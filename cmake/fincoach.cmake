# Helpers that keep every module and test declared the same way.

set(FINCOACH_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
# GCC 12 reports bogus -Wrestrict overlaps for `"literal" + std::string` at -O2 (GCC bug 105329).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND FINCOACH_WARNINGS -Wno-restrict)
endif()

function(fincoach_set_warnings target)
  target_compile_options(${target} PRIVATE ${FINCOACH_WARNINGS})
  if(FINCOACH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# fincoach_add_module(<name> SOURCES a.cpp ... [DEPS fincoach_x ...] [PUBLIC_LIBS ...] [PRIVATE_LIBS ...])
# Creates the static library fincoach_<name>. A module may depend only on modules
# before it in the pipeline, so the link graph enforces the layering.
function(fincoach_add_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
  add_library(fincoach_${name} STATIC ${ARG_SOURCES})
  target_include_directories(fincoach_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include
                                              PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(fincoach_${name} PUBLIC ${ARG_DEPS} ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
  fincoach_set_warnings(fincoach_${name})
endfunction()

# fincoach_add_test(<name> SOURCES t.cpp ... DEPS fincoach_x ... [LABELS unit|integration|slow])
# One GoogleTest executable, discovered test by test, labelled for ctest -L.
function(fincoach_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${name} PRIVATE
      FINCOACH_TEST_DATA_DIR="${PROJECT_SOURCE_DIR}/tests/data"
      FINCOACH_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared"
      FINCOACH_BINARY_DIR="${PROJECT_BINARY_DIR}")
  fincoach_set_warnings(${name})
  gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
endfunction()

# fincoach_embed_text(<target_var> <symbol> <input file>)
# Turns a text file into a C++ source defining `extern const char <symbol>[]`,
# regenerated whenever the input changes.
function(fincoach_embed_text out_var symbol input)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cpp")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DIN=${input} -DOUT=${output} -DSYM=${symbol}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    DEPENDS "${input}" ${PROJECT_SOURCE_DIR}/cmake/embed.cmake
    COMMENT "Embedding ${input}")
  set(${out_var} "${output}" PARENT_SCOPE)
endfunction()
