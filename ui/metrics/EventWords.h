// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Event.h"

#include <QCoreApplication>
#include <QHash>

class Store;

// An event of the log as a sentence ("Call to +1 415-555-0123 completed after 6 seconds") and
// its agent by name, for the metrics' Recent events. Names and numbers are read from the store
// once and remembered; a deleted agent keeps the name it had when first seen.
class EventWords
{
    Q_DECLARE_TR_FUNCTIONS(EventWords)

public:
    explicit EventWords(Store &store);

    QString sentence(const EventRecord &event);
    QString agentName(const QString &agentId);
    // What the sentence leaves out, as "name: value" pairs ("" when it says everything).
    static QString details(const EventRecord &event);

private:
    QString callNumber(const QString &callSid);

    Store &m_store;
    QHash<QString, QString> m_agentNames;
    QHash<QString, QString> m_callNumbers;
};
