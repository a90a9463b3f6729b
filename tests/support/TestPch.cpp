// SPDX-License-Identifier: GPL-3.0-or-later
// Nothing of its own: this file lets the tests' precompiled headers be built with a test's options
// (cmake/SwitchboardTest.cmake).
