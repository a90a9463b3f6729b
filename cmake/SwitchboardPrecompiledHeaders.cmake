# SPDX-License-Identifier: GPL-3.0-or-later
# Precompiled headers: the Qt headers that nearly every file of a library, or every test, includes
# are parsed once per target instead of once per file. Parsing them was most of what compiling the
# tests cost (a test file: 8.8 s without, 5.0 s with), and the test command builds two trees.
option(SWITCHBOARD_PCH "Precompile the Qt headers the libraries and the tests include" ON)

# switchboard_precompile_headers(<target> <header>...): <target> precompiles these headers.
function(switchboard_precompile_headers target)
    if(SWITCHBOARD_PCH)
        target_precompile_headers(${target} PRIVATE ${ARGN})
    endif()
endfunction()

# switchboard_reuse_precompiled_headers(<target> <owner>): <target> uses <owner>'s precompiled
# headers, built once for both. Their compile options must match: only definitions the headers
# never read may differ.
function(switchboard_reuse_precompiled_headers target owner)
    if(SWITCHBOARD_PCH)
        target_precompile_headers(${target} REUSE_FROM ${owner})
    endif()
endfunction()
