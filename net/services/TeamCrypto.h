// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// The team key and what it seals, with libsodium: crypto_secretbox (XSalsa20-Poly1305) under a
// random 256-bit key, a fresh random nonce per sealing. The key travels between operators as a
// recovery phrase they can read out or paste: the key and a two-byte checksum in Crockford
// base32, in groups of five ("7KQ2M-...-X4"), forgiving about case, spaces, dashes and the
// letters O, I and L.
namespace TeamCrypto {
constexpr int KeyBytes = 32;

// False when libsodium cannot start (no entropy source); nothing here works then.
bool available();

QByteArray generateKey();
QString toPhrase(const QByteArray &key);
// The key in `phrase`, or nothing with the reason in `error` (a typo shows as a bad checksum).
std::optional<QByteArray> fromPhrase(const QString &phrase, QString *error);

// A value that tells whether a key is the team's one without revealing it: a keyed BLAKE2b hash
// of a fixed label, in hex.
QString keyCheck(const QByteArray &key);

// base64(nonce | box). The box holds `name` as well, so that a sealed value copied onto another
// row (another company's token) is refused when opened there.
QString seal(const QByteArray &key, const QString &name, const QString &plain);
// The plain value, or nothing when `sealed` was not made under `key` for `name` (or was altered).
std::optional<QString> open(const QByteArray &key, const QString &name, const QString &sealed);
} // namespace TeamCrypto
