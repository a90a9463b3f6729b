// SPDX-License-Identifier: GPL-3.0-or-later
#include "CallLogModel.h"

#include "AppError.h"
#include "CallOutcome.h"
#include "ModelRoles.h"
#include "Store.h"

#include <QDateTime>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCallLog, "switchboard.calllog")

bool callMatchesFilter(const CallFilter &filter, const CallRecord &call)
{
    if (!filter.agentId.isEmpty() && call.agentId != filter.agentId)
        return false;
    if (filter.status && call.status != *filter.status)
        return false;
    if (filter.companyId > 0 && call.companyId != filter.companyId)
        return false;
    if (filter.test && call.test != *filter.test)
        return false;
    if (!filter.phoneNumber.isEmpty()) {
        if (filter.phoneNumber.endsWith(u'*')
                ? !call.phoneNumber.startsWith(filter.phoneNumber.chopped(1))
                : call.phoneNumber != filter.phoneNumber)
            return false;
    }
    if (filter.createdFrom > 0 && call.createdAt < filter.createdFrom)
        return false;
    if (filter.createdTo > 0 && call.createdAt >= filter.createdTo)
        return false;
    if (!filter.answeredBy.isEmpty() && call.answeredBy != filter.answeredBy)
        return false;
    if (!filter.endReason.isEmpty() && CallOutcome::endReasonCode(call) != filter.endReason)
        return false;
    if (!filter.costStatus.isEmpty() && CallOutcome::costStatus(call) != filter.costStatus)
        return false;
    if (!filter.text.isEmpty()) {
        const QString errorText =
            call.error.isEmpty() ? QString() : call.error.value(u"message"_s).toString();
        const bool found = call.phoneNumber.contains(filter.text, Qt::CaseInsensitive) ||
                           call.agentName.contains(filter.text, Qt::CaseInsensitive) ||
                           call.callSid.contains(filter.text, Qt::CaseInsensitive) ||
                           call.id.contains(filter.text, Qt::CaseInsensitive) ||
                           errorText.contains(filter.text, Qt::CaseInsensitive) ||
                           call.shortSummary.contains(filter.text, Qt::CaseInsensitive) ||
                           call.summary.contains(filter.text, Qt::CaseInsensitive);
        if (!found)
            return false;
    }
    return true;
}

CallLogModel::CallLogModel(Store &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    // Many calls changing at once (a burst of polls) make one reload, not many.
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(300);
    connect(&m_refresh, &QTimer::timeout, this, &CallLogModel::reload);
}

void CallLogModel::setFilter(const CallFilter &filter)
{
    m_filter = filter;
    m_refresh.stop();
    reload();
}

void CallLogModel::reload()
{
    int count = 0;
    try {
        count = int(CallRepository(m_store).count(m_filter));
    } catch (const AppError &error) {
        qCWarning(lcCallLog) << "cannot count calls:" << error.message();
    }
    beginResetModel();
    m_count = count;
    m_pages.clear();
    m_recentPages.clear();
    endResetModel();
}

void CallLogModel::refreshLater()
{
    if (!m_refresh.isActive())
        m_refresh.start();
}

const QList<CallRecord> *CallLogModel::page(int number) const
{
    if (const auto it = m_pages.constFind(number); it != m_pages.cend()) {
        m_recentPages.removeOne(number);
        m_recentPages.append(number);
        return &*it;
    }
    CallFilter window = m_filter;
    window.limit = PageSize;
    window.offset = qint64(number) * PageSize;
    QList<CallRecord> rows;
    try {
        rows = CallRepository(m_store).list(window);
    } catch (const AppError &error) {
        qCWarning(lcCallLog) << "cannot read calls:" << error.message();
    }
    if (m_recentPages.size() >= PagesKept)
        m_pages.remove(m_recentPages.takeFirst());
    m_recentPages.append(number);
    return &*m_pages.insert(number, rows);
}

std::optional<CallRecord> CallLogModel::callAt(int row) const
{
    if (row < 0 || row >= m_count)
        return std::nullopt;
    const QList<CallRecord> *rows = page(row / PageSize);
    const int inPage = row % PageSize;
    if (inPage >= rows->size())
        return std::nullopt;
    return rows->at(inPage);
}

int CallLogModel::rowOfLoaded(const QString &callId) const
{
    for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
        for (int i = 0; i < it->size(); ++i) {
            if (it->at(i).id == callId)
                return it.key() * PageSize + i;
        }
    }
    return -1;
}

void CallLogModel::callChanged(const CallRecord &call)
{
    const int row = rowOfLoaded(call.id);
    if (row >= 0) {
        if (!callMatchesFilter(m_filter, call)) { // left the filter: recount
            refreshLater();
            return;
        }
        m_pages[row / PageSize][row % PageSize] = call;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    if (!callMatchesFilter(m_filter, call))
        return;
    const bool justPlaced = call.version == 1; // the first word of a new attempt
    if (!justPlaced || m_refresh.isActive()) {
        refreshLater(); // an older call entered the filter: its place is somewhere below
        return;
    }
    // A new call goes on top; the pages behind it shift by one, so forget them.
    beginInsertRows({}, 0, 0);
    ++m_count;
    m_pages.clear();
    m_recentPages.clear();
    endInsertRows();
}

int CallLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int CallLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CallLogModel::data(const QModelIndex &index, int role) const
{
    // Views and combo boxes ask about row -1 at times; that is not an error worth a warning.
    if (!index.isValid() || index.parent().isValid() || index.row() >= rowCount())
        return {};
    if (role != Qt::DisplayRole && role != ModelRoles::IdRole && role != ModelRoles::StatusRole &&
        role != ModelRoles::SortRole && role != Qt::ToolTipRole)
        return {};
    const std::optional<CallRecord> call = callAt(index.row());
    if (!call)
        return {};
    switch (role) {
    case ModelRoles::IdRole:
        return call->id;
    case ModelRoles::StatusRole:
        return toString(call->status);
    case Qt::ToolTipRole:
        return call->error.isEmpty() ? QVariant() : call->error.value(u"message"_s).toString();
    default:
        break;
    }
    switch (Column(index.column())) {
    case Time:
        if (role == ModelRoles::SortRole)
            return call->createdAt;
        return QDateTime::fromMSecsSinceEpoch(call->createdAt).toString(u"yyyy-MM-dd HH:mm:ss"_s);
    case Agent:
        return call->agentName;
    case Number:
        // A test call has no phone line: the column says what it was instead.
        return call->test ? QStringLiteral("Test call") : call->phoneNumber;
    case Status:
        return toString(call->status);
    case Duration:
        if (role == ModelRoles::SortRole)
            return call->durationSeconds;
        return call->durationSeconds < 0 ? QString()
                                         : u"%1:%2"_s.arg(call->durationSeconds / 60)
                                               .arg(call->durationSeconds % 60, 2, 10, QChar(u'0'));
    case Sid:
        return call->publicId();
    case AnsweredBy:
        return call->answeredBy;
    case Cost:
        if (role == ModelRoles::SortRole)
            return CallOutcome::costAmount(*call);
        return isFinal(call->status) ? CallOutcome::costText(*call) : QString();
    case EndReason:
        return CallOutcome::endReasonText(CallOutcome::endReasonCode(*call));
    case Summary:
        return call->shortSummary;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant CallLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Time:
        return tr("Time");
    case Agent:
        return tr("Agent");
    case Number:
        return tr("Number");
    case Status:
        return tr("Status");
    case Duration:
        return tr("Duration");
    case Sid:
        return tr("Call SID");
    case AnsweredBy:
        return tr("Answered by");
    case Cost:
        return tr("Cost");
    case EndReason:
        return tr("End reason");
    case Summary:
        return tr("Summary");
    case ColumnCount:
        break;
    }
    return {};
}
