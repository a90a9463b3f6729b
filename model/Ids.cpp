// SPDX-License-Identifier: GPL-3.0-or-later
#include "Ids.h"

#include <QList>
#include <QRandomGenerator>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace Ids {
QString randomHex(int characters)
{
    QList<quint32> words((characters + 7) / 8);
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    QString hex;
    hex.reserve(words.size() * 8);
    for (const quint32 word : words)
        hex += QString::number(word, 16).rightJustified(8, u'0');
    return hex.left(characters);
}

QString newAgentId()
{
    return u"agent_"_s + randomHex(24);
}

QString newCallId()
{
    return u"call_"_s + randomHex(24);
}

QString newRequestId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}
} // namespace Ids
