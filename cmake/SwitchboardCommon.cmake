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
    if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        # Qt's own QSKIP("why") leaves its variadic part empty, which C++20 allows; clang's
        # -Wpedantic flags every use.
        target_compile_options(switchboard_common INTERFACE -Wno-gnu-zero-variadic-macro-arguments)
    endif()
    option(SWITCHBOARD_WERROR "Treat warnings as errors" OFF)
    if(SWITCHBOARD_WERROR)
        target_compile_options(switchboard_common INTERFACE -Werror)
    endif()
elseif(MSVC)
    target_compile_options(switchboard_common INTERFACE /W4 /permissive- /utf-8)
endif()

# AddressSanitizer + UndefinedBehaviorSanitizer (leaks included) for everything the project
# builds, moc output too; scripts/test.sh builds a second tree with it and runs the suites that
# parse, store and talk to providers. Any report aborts the process and so fails the test.
option(SWITCHBOARD_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
# libFuzzer harnesses in fuzz/ (clang only): everything is instrumented for coverage, and the
# harnesses link libFuzzer's main. Implies SWITCHBOARD_SANITIZE.
option(SWITCHBOARD_FUZZ "Build the libFuzzer harnesses in fuzz/ (needs clang)" OFF)
if(SWITCHBOARD_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "SWITCHBOARD_FUZZ needs clang (CMAKE_CXX_COMPILER=clang++), "
                            "and libFuzzer (Debian: libfuzzer-14-dev)")
    endif()
    set(SWITCHBOARD_SANITIZE ON CACHE BOOL "" FORCE)
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()
if(SWITCHBOARD_SANITIZE)
    if(MSVC)
        message(FATAL_ERROR "SWITCHBOARD_SANITIZE is for GCC and clang")
    endif()
    set(SWITCHBOARD_SANITIZER_FLAGS
        -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_compile_options(${SWITCHBOARD_SANITIZER_FLAGS})
    add_link_options(${SWITCHBOARD_SANITIZER_FLAGS})
endif()

# LLVM's lld links the project's many test and tool executables, each with the static libraries
# and their debug information, several times faster than GNU ld: linking was a third of the test
# command's build. Used where the compiler accepts it (Debian: lld); the default linker otherwise.
option(SWITCHBOARD_USE_LLD "Link with lld when it is available" ON)
if(SWITCHBOARD_USE_LLD AND UNIX AND NOT APPLE)
    include(CheckLinkerFlag)
    check_linker_flag(CXX "-fuse-ld=lld" SWITCHBOARD_HAVE_LLD)
    if(SWITCHBOARD_HAVE_LLD)
        add_link_options(-fuse-ld=lld)
    endif()
endif()
