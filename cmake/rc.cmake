# Small helpers shared by every module: rc_library() and rc_test().
include_guard(GLOBAL)

set(RC_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wconversion -Wno-sign-conversion -Wimplicit-fallthrough)

# rc_library(NAME SOURCES a.cc b.cc DEPS x y)
function(rc_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${name} PRIVATE ${RC_WARNINGS} $<$<BOOL:${RC_WERROR}>:-Werror>)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# rc_test(NAME SOURCES a_test.cc DEPS x y) — a GoogleTest binary registered with CTest.
function(rc_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  if(NOT BUILD_TESTING)
    return()
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  target_compile_options(${name} PRIVATE ${RC_WARNINGS} $<$<BOOL:${RC_WERROR}>:-Werror>)
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE RC_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                             RC_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${ARG_LABELS}")
endfunction()
