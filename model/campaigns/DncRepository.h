// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

class Store;

struct DncEntry
{
    QString phoneNumber;
    QString reason;
    qint64 createdAt = 0;
    QJsonObject toJson() const;
};

// The do-not-call list: numbers no campaign ever dials. Checked at dial time, in the same
// transaction that claims the recipient.
class DncRepository
{
public:
    explicit DncRepository(Store &store)
        : m_store(store)
    {
    }

    // Adds the numbers not listed yet, in one transaction; returns how many were new.
    int add(const QStringList &phoneNumbers, const QString &reason);
    bool remove(const QString &phoneNumber);
    bool contains(const QString &phoneNumber);
    // In number order; `search` keeps the numbers that contain it (digits and '+').
    QList<DncEntry> list(qint64 limit, qint64 offset, const QString &search = {});
    qint64 count(const QString &search = {});

private:
    Store &m_store;
};
