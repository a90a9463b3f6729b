// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CallRepository.h"

#include <QString>

class Store;

// Writes the calls a filter lets through to CSV or JSON, a page at a time, so exporting a
// million rows does not hold them all in memory.
namespace CallExport {
enum class Format { Csv, Json };
// Returns the number of calls written; throws AppError when the store or the file fails.
qint64 write(Store &store, CallFilter filter, Format format, const QString &path);
} // namespace CallExport
