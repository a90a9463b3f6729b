# SPDX-License-Identifier: GPL-3.0-or-later
# switchboard_add_test(<name> SOURCES ... [LIBRARIES ...] [TIMEOUT s] [LABELS ...])
# One Qt Test executable per area, registered with ctest under the offscreen platform.
function(switchboard_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE
        Qt6::Test switchboard_test_support switchboard_common ${ARG_LIBRARIES})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=switchboard.*.info=false"
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}")
endfunction()
