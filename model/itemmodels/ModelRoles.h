// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Qt>

// Roles the item models share. Sorting uses the raw value (a timestamp, a status's order), never
// the text shown.
namespace ModelRoles {
enum Role {
    SortRole = Qt::UserRole + 1, // raw value to sort by
    IdRole,                      // the record's id (agent id, call id, company id)
    StatusRole,                  // status as its API string ("active", "in-progress")
    FilterTextRole,              // everything free-text search looks at, lower-cased
};
} // namespace ModelRoles
