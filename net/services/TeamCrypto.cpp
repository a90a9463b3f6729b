// SPDX-License-Identifier: GPL-3.0-or-later
#include "TeamCrypto.h"

#include <QStringList>

#include <sodium.h>

using namespace Qt::StringLiterals;

namespace TeamCrypto {
namespace {
constexpr char Alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford: no I, L, O, U
constexpr int ChecksumBytes = 2;
constexpr int GroupSize = 5;
const QByteArray CheckLabel = "switchboard team key check v1";

QByteArray checksum(const QByteArray &key)
{
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char *>(key.data()),
                       size_t(key.size()), nullptr, 0);
    return QByteArray(reinterpret_cast<const char *>(digest), ChecksumBytes);
}

int symbolValue(QChar c)
{
    const char upper = char(c.toUpper().toLatin1());
    switch (upper) {
    case 'O':
        return 0;
    case 'I':
    case 'L':
        return 1;
    default:
        break;
    }
    for (int i = 0; i < 32; ++i) {
        if (Alphabet[i] == upper)
            return i;
    }
    return -1;
}

QString plainFor(const QString &name, const QString &plain)
{
    return name + QChar(u'\0') + plain;
}
} // namespace

bool available()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

QByteArray generateKey()
{
    available();
    QByteArray key(KeyBytes, Qt::Uninitialized);
    crypto_secretbox_keygen(reinterpret_cast<unsigned char *>(key.data()));
    return key;
}

QString toPhrase(const QByteArray &key)
{
    const QByteArray bytes = key + checksum(key);
    QString symbols;
    quint32 buffer = 0;
    int bits = 0;
    for (const char byte : bytes) {
        buffer = (buffer << 8) | quint8(byte);
        bits += 8;
        while (bits >= 5) {
            symbols += QLatin1Char(Alphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0)
        symbols += QLatin1Char(Alphabet[(buffer << (5 - bits)) & 31]);
    QStringList groups;
    for (int i = 0; i < symbols.size(); i += GroupSize)
        groups << symbols.mid(i, GroupSize);
    return groups.join(u'-');
}

std::optional<QByteArray> fromPhrase(const QString &phrase, QString *error)
{
    QByteArray bytes;
    quint32 buffer = 0;
    int bits = 0;
    int symbols = 0;
    for (const QChar c : phrase) {
        if (c.isSpace() || c == u'-')
            continue;
        const int value = symbolValue(c);
        if (value < 0) {
            *error = u"the recovery phrase has a character that is not in it ('%1'); it uses "
                     u"only digits and letters"_s.arg(c);
            return std::nullopt;
        }
        ++symbols;
        buffer = (buffer << 5) | quint32(value);
        bits += 5;
        if (bits >= 8) {
            bytes += char((buffer >> (bits - 8)) & 0xff);
            bits -= 8;
        }
    }
    const int expected = ((KeyBytes + ChecksumBytes) * 8 + 4) / 5;
    if (symbols != expected) {
        *error = u"the recovery phrase has %1 letters and digits, expected %2; check that "
                 u"nothing is missing"_s.arg(symbols)
                     .arg(expected);
        return std::nullopt;
    }
    const QByteArray key = bytes.left(KeyBytes);
    if (bytes.mid(KeyBytes, ChecksumBytes) != checksum(key)) {
        *error = u"the recovery phrase does not add up (a character is mistyped)"_s;
        return std::nullopt;
    }
    return key;
}

QString keyCheck(const QByteArray &key)
{
    available();
    unsigned char digest[32];
    crypto_generichash(
        digest, sizeof digest, reinterpret_cast<const unsigned char *>(CheckLabel.constData()),
        size_t(CheckLabel.size()), reinterpret_cast<const unsigned char *>(key.constData()),
        size_t(key.size()));
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), sizeof digest).toHex());
}

QString seal(const QByteArray &key, const QString &name, const QString &plain)
{
    available();
    const QByteArray message = plainFor(name, plain).toUtf8();
    QByteArray sealed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + message.size(),
                      Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(sealed.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char *>(message.constData()),
                          quint64(message.size()), nonce,
                          reinterpret_cast<const unsigned char *>(key.constData()));
    return QString::fromLatin1(sealed.toBase64());
}

std::optional<QString> open(const QByteArray &key, const QString &name, const QString &sealed)
{
    available();
    const QByteArray bytes = QByteArray::fromBase64(sealed.toLatin1());
    if (key.size() != KeyBytes ||
        bytes.size() < int(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES))
        return std::nullopt;
    const auto *nonce = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype boxSize = bytes.size() - qsizetype(crypto_secretbox_NONCEBYTES);
    QByteArray message(boxSize - qsizetype(crypto_secretbox_MACBYTES), Qt::Uninitialized);
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(message.data()),
                                   nonce + crypto_secretbox_NONCEBYTES, quint64(boxSize), nonce,
                                   reinterpret_cast<const unsigned char *>(key.constData())) != 0)
        return std::nullopt;
    const QString text = QString::fromUtf8(message);
    const QString prefix = name + QChar(u'\0');
    if (!text.startsWith(prefix))
        return std::nullopt;
    return text.mid(prefix.size());
}
} // namespace TeamCrypto
