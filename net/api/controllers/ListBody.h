// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiRequest.h"
#include "RecipientImport.h"

// Reads a list of numbers sent as CSV (Content-Type text/csv, a header row, the number column
// named by ?phone_column=, default phone_number) or JSON; numbers without a country code are read
// in ?default_region= (e.g. US) when given.
namespace ListBody {
RecipientImport::Result read(const ApiRequest &request);
} // namespace ListBody
