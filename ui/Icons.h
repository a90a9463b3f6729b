// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QIcon>

// The window's icons: SVGs drawn with `currentColor`, painted in the palette's text colour at
// whatever size and pixel ratio the screen asks, so they stay crisp on high-DPI screens and follow
// a light or dark system palette.
namespace Icons {
QIcon get(const QString &name); // ":/icons/actions/<name>.svg"
QIcon application();
} // namespace Icons
