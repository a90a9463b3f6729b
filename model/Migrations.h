// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// The numbered schema migrations. A migration is never edited once released: changes come as a
// new number. The same text serves SQLite and PostgreSQL, with a few type names filled in per
// engine; PostgreSQL alone also gets the triggers that announce changes to other instances.
namespace Migrations {
enum class Dialect { Sqlite, Postgres };
int latestVersion();
QStringList statements(int version, Dialect dialect);
} // namespace Migrations
