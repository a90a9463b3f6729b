// SPDX-License-Identifier: GPL-3.0-or-later
#include "ApiKeyGuard.h"

#include "Validation.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

void ApiKeyGuard::setKey(const QString &key)
{
    const QByteArray digest = QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256);
    QMutexLocker locker(&m_mutex);
    m_digest = digest;
}

bool ApiKeyGuard::hasKey() const
{
    QMutexLocker locker(&m_mutex);
    return !m_digest.isEmpty();
}

bool ApiKeyGuard::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

ApiKeyGuard::Verdict ApiKeyGuard::check(const QByteArray &presented, QString *reason) const
{
    if (presented.isEmpty()) {
        *reason = u"Missing API key: send it in the X-API-Key header"_s;
        return Verdict::Missing;
    }
    const QString rule = Rules::checkApiKey(QString::fromUtf8(presented));
    if (!rule.isEmpty()) {
        *reason = u"Invalid API key: the X-API-Key header "_s + rule;
        return Verdict::Malformed;
    }
    // Comparing digests keeps the comparison's time independent of the key's length too.
    const QByteArray digest = QCryptographicHash::hash(presented, QCryptographicHash::Sha256);
    QByteArray expected;
    {
        QMutexLocker locker(&m_mutex);
        expected = m_digest;
    }
    if (expected.isEmpty() || !constantTimeEquals(digest, expected)) {
        *reason = u"Invalid API key"_s;
        return Verdict::Wrong;
    }
    return Verdict::Accepted;
}
