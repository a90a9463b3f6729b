# SPDX-License-Identifier: GPL-3.0-or-later
# One INTERFACE target carries the language standard, the warnings and the Qt defines, so every
# target of the project is built the same way.
add_library(switchboard_common INTERFACE)
target_compile_features(switchboard_common INTERFACE cxx_std_17)
set_target_properties(switchboard_common PROPERTIES INTERFACE_CXX_EXTENSIONS OFF)

target_compile_definitions(switchboard_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    # Qt >= 6.7 refuses connect() without a context object; we never use one, on any Qt.
    QT_NO_CONTEXTLESS_CONNECT
    QT_DISABLE_DEPRECATED_BEFORE=0x060400)

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(switchboard_common INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
        -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
    option(SWITCHBOARD_WERROR "Treat warnings as errors" OFF)
    if(SWITCHBOARD_WERROR)
        target_compile_options(switchboard_common INTERFACE -Werror)
    endif()
elseif(MSVC)
    target_compile_options(switchboard_common INTERFACE /W4 /permissive- /utf-8)
endif()
