// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

// Runs a test executable inside a private D-Bus session with a real, unlocked gnome-keyring of
// its own (under a temporary HOME), started and stopped by the test itself: the secrets the test
// writes go through the Secret Service exactly as on a desktop, and never touch the real user's
// keyring. `testMain` runs in the re-executed child.
namespace KeyringSession {
int run(int argc, char *argv[], const std::function<int(int, char *[])> &testMain);
// True in the child, where the keyring is up.
bool active();
} // namespace KeyringSession

#define SWITCHBOARD_KEYRING_TEST_MAIN(TestClass, ApplicationClass)                                 \
    int main(int argc, char *argv[])                                                               \
    {                                                                                              \
        return KeyringSession::run(argc, argv, [](int count, char *arguments[]) {                  \
            ApplicationClass app(count, arguments);                                                \
            TestClass test;                                                                        \
            QTEST_SET_MAIN_SOURCE_PATH                                                             \
            return QTest::qExec(&test, count, arguments);                                          \
        });                                                                                        \
    }
#define SWITCHBOARD_TEST_MAIN_WITH_KEYRING(TestClass)                                              \
    SWITCHBOARD_KEYRING_TEST_MAIN(TestClass, QCoreApplication)
// The same for tests of widgets.
#define SWITCHBOARD_GUI_TEST_MAIN_WITH_KEYRING(TestClass)                                          \
    SWITCHBOARD_KEYRING_TEST_MAIN(TestClass, QApplication)
