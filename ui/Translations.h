// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The window's texts in the user's language. The English file comes first and carries the
// plural forms ("1 call", "2 calls") of the sources' "%n call(s)"; a file for the system's
// language, when there is one, goes on top. Installing twice does nothing more.
namespace Translations {
void install();
} // namespace Translations
