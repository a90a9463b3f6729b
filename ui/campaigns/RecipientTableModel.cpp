// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecipientTableModel.h"

#include "CampaignRepository.h"
#include "CampaignWords.h"
#include "ModelRoles.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

RecipientTableModel::RecipientTableModel(Store &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
}

RecipientTableModel::Page RecipientTableModel::read(qint64 limit, qint64 offset) const
{
    Page page;
    if (m_campaignId.isEmpty())
        return page;
    CampaignRepository campaigns(m_store);
    page.recipients = campaigns.recipients(m_campaignId, m_state, limit, offset);
    QList<qint64> ids;
    for (const Recipient &recipient : std::as_const(page.recipients))
        ids << recipient.id;
    page.attempts = campaigns.attemptsOf(ids);
    return page;
}

void RecipientTableModel::setCampaign(const QString &campaignId,
                                      std::optional<RecipientState> state)
{
    beginResetModel();
    m_campaignId = campaignId;
    m_state = state;
    m_total =
        campaignId.isEmpty() ? 0 : CampaignRepository(m_store).recipientCount(campaignId, state);
    Page page = read(PageSize, 0);
    m_rows = page.recipients;
    m_attempts = page.attempts;
    endResetModel();
}

void RecipientTableModel::refresh()
{
    if (m_campaignId.isEmpty())
        return;
    const qint64 total = CampaignRepository(m_store).recipientCount(m_campaignId, m_state);
    Page page = read(std::max<qint64>(m_rows.size(), PageSize), 0);
    if (page.recipients.size() == m_rows.size() && total == m_total) {
        m_rows = page.recipients;
        m_attempts = page.attempts;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_total = total;
    m_rows = page.recipients;
    m_attempts = page.attempts;
    endResetModel();
}

std::optional<Recipient> RecipientTableModel::recipientAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return std::nullopt;
    return m_rows.at(row);
}

bool RecipientTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_rows.size() < m_total;
}

void RecipientTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    Page page = read(PageSize, m_rows.size());
    if (page.recipients.isEmpty()) {
        m_total = m_rows.size(); // the list shrank under us (another state now)
        return;
    }
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page.recipients.size()) - 1);
    m_rows += page.recipients;
    m_attempts.insert(page.attempts);
    endInsertRows();
}

int RecipientTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RecipientTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecipientTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Recipient &recipient = m_rows.at(index.row());
    if (role == ModelRoles::IdRole)
        return recipient.id;
    if (role == ModelRoles::StatusRole)
        return toString(recipient.state);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Line:
        return recipient.line > 0 ? QVariant(recipient.line) : QVariant();
    case Number:
        return recipient.phoneNumber;
    case State:
        return CampaignWords::state(recipient.state);
    case Attempts:
        return recipient.attempts;
    case CallSids: {
        QStringList sids;
        for (const CampaignAttempt &attempt : m_attempts.value(recipient.id))
            sids << (attempt.callSid.isEmpty() ? tr("(no SID)") : attempt.callSid);
        return sids.join(u", "_s);
    }
    case LastOutcome:
        return recipient.lastOutcome;
    case NextAttempt:
        return recipient.state == RecipientState::Pending && recipient.nextAttemptAt > 0
                   ? QDateTime::fromMSecsSinceEpoch(recipient.nextAttemptAt)
                         .toString(u"yyyy-MM-dd HH:mm:ss"_s)
                   : QString();
    default:
        return {};
    }
}

QVariant RecipientTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Line:
        return tr("Line");
    case Number:
        return tr("Number");
    case State:
        return tr("State");
    case Attempts:
        return tr("Attempts");
    case CallSids:
        return tr("Call SIDs");
    case LastOutcome:
        return tr("Last outcome");
    case NextAttempt:
        return tr("Next attempt");
    default:
        return {};
    }
}
