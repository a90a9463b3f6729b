// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace DataDir {
// The folder to use: `requested`, or the OS app-data folder when empty. Creates it; returns an
// empty string and sets `error` (naming the folder and the reason) when it cannot be written.
QString prepare(const QString &requested, QString *error);
} // namespace DataDir
