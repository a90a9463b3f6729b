// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHttpServerRequest>

// The request's method as it stands on the request line ("GET", "PATCH", ...); "UNKNOWN" for
// one Qt's parser does not name.
QByteArray httpMethodName(QHttpServerRequest::Method method);
