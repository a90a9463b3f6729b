# SPDX-License-Identifier: GPL-3.0-or-later
# switchboard_add_test(<name> SOURCES ... [LIBRARIES ...] [TIMEOUT s] [LABELS ...])
# One Qt Test executable per area, registered with ctest under the offscreen platform.

# The tests share one set of precompiled headers: QtTest and what most of them include besides.
# Its owner is built with exactly the options of a test.
add_library(switchboard_test_pch OBJECT "${CMAKE_CURRENT_LIST_DIR}/../tests/support/TestPch.cpp")
target_link_libraries(switchboard_test_pch PRIVATE Qt6::Test switchboard_test_support switchboard_common)
switchboard_precompile_headers(switchboard_test_pch
    <QtTest> <QApplication> <QComboBox> <QJsonArray> <QJsonDocument> <QJsonObject> <QLabel>
    <QLineEdit> <QNetworkAccessManager> <QNetworkReply> <QProcess> <QPushButton> <QSignalSpy>
    <QSqlQuery> <QTableView> <QTemporaryDir>)

function(switchboard_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBRARIES;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE
        Qt6::Test switchboard_test_support switchboard_common ${ARG_LIBRARIES})
    switchboard_reuse_precompiled_headers(${name} switchboard_test_pch)
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;QT_LOGGING_RULES=switchboard.*.info=false"
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}")
endfunction()
