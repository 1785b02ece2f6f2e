# rc_embed(TARGET NAMESPACE ns FUNCTION fn BASE_DIR dir FILES a b ...)
# Builds a static library TARGET whose header "<TARGET>.h" (include it as "embedded/<TARGET>.h")
# declares `const std::vector<std::pair<std::string_view, std::string_view>>& ns::fn()`,
# returning (path relative to BASE_DIR, contents) for each file. Rebuilt when a file changes.
include_guard(GLOBAL)

function(rc_embed target)
  cmake_parse_arguments(ARG "" "NAMESPACE;FUNCTION;BASE_DIR" "FILES" ${ARGN})
  set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/embedded_include/embedded)
  set(out_cc ${CMAKE_CURRENT_BINARY_DIR}/${target}.cc)
  set(out_h ${out_dir}/${target}.h)
  file(MAKE_DIRECTORY ${out_dir})
  add_custom_command(
    OUTPUT ${out_cc} ${out_h}
    COMMAND rc_embed_tool ${out_cc} ${out_h} ${ARG_NAMESPACE} ${ARG_FUNCTION} ${ARG_BASE_DIR}
            ${ARG_FILES}
    DEPENDS rc_embed_tool ${ARG_FILES}
    COMMENT "Embedding ${target}"
    VERBATIM)
  add_library(${target} STATIC ${out_cc})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_BINARY_DIR}/embedded_include)
endfunction()
