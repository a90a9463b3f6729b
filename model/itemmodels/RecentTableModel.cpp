// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecentTableModel.h"

#include "ModelRoles.h"

#include <QDateTime>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {
QString clock(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(u"HH:mm:ss"_s);
}
} // namespace

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    // Views and combo boxes ask about row -1 at times; that is not an error worth a warning.
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount())
        return {};
    const EventRecord &event = m_records.at(index.row());
    if (role == ModelRoles::SortRole && index.column() == Time)
        return event.timestamp;
    if (role == ModelRoles::IdRole)
        return event.id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case Time:
        return role == Qt::ToolTipRole
                   ? QDateTime::fromMSecsSinceEpoch(event.timestamp).toString(Qt::ISODate)
                   : clock(event.timestamp);
    case Type:
        return role == Qt::ToolTipRole || !m_words.sentence ? event.type : m_words.sentence(event);
    case Agent:
        return role == Qt::ToolTipRole || !m_words.agentName ? event.agentId
                                                             : m_words.agentName(event.agentId);
    case Call:
        return event.callSid;
    case Details:
        return role == Qt::ToolTipRole || !m_words.details
                   ? QString::fromUtf8(QJsonDocument(event.details).toJson(QJsonDocument::Compact))
                   : m_words.details(event);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time:
        return tr("Time");
    case Type:
        return tr("Event");
    case Agent:
        return tr("Agent");
    case Call:
        return tr("Call");
    case Details:
        return tr("Details");
    case ColumnCount:
        break;
    }
    return {};
}

int ApiCallTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApiCallTableModel::data(const QModelIndex &index, int role) const
{
    // Views and combo boxes ask about row -1 at times; that is not an error worth a warning.
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount())
        return {};
    const ApiCallRecord &call = m_records.at(index.row());
    if (role == ModelRoles::SortRole) {
        if (index.column() == Time)
            return call.timestamp;
        if (index.column() == Duration)
            return call.responseTimeMs;
        if (index.column() == Status)
            return call.statusCode;
    }
    if (role == ModelRoles::IdRole)
        return call.requestId;
    if (role == Qt::ToolTipRole)
        return call.requestId;
    if (role == Qt::TextAlignmentRole && index.column() == Duration)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    case Time:
        return clock(call.timestamp);
    case Method:
        return call.method;
    case Endpoint:
        return call.endpoint;
    case Status:
        return call.statusCode;
    case Duration:
        return u"%1 ms"_s.arg(call.responseTimeMs, 0, 'f', 1);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ApiCallTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time:
        return tr("Time");
    case Method:
        return tr("Method");
    case Endpoint:
        return tr("Endpoint");
    case Status:
        return tr("Status");
    case Duration:
        return tr("Time taken");
    case ColumnCount:
        break;
    }
    return {};
}
