// SPDX-License-Identifier: GPL-3.0-or-later
#include "CampaignService.h"

#include "AgentRepository.h"
#include "AppError.h"
#include "CampaignRepository.h"
#include "DialRepository.h"
#include "EventLog.h"
#include "Store.h"
#include "Timestamps.h"
#include "Validation.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
const QString CampaignStatusChanged = u"campaign_status_changed"_s;

AppError wrongStatus(const Campaign &campaign, const QString &action)
{
    return AppError(ErrorKind::Conflict,
                    u"Campaign '%1' is %2: it cannot be %3"_s.arg(
                        campaign.id, toString(campaign.status), action),
                    {{u"status"_s, toString(campaign.status)}});
}
} // namespace

QJsonObject CampaignService::ImportResult::toJson() const
{
    QJsonArray list;
    for (const RecipientImport::Rejected &line : rejected)
        list.append(line.toJson());
    return {{u"accepted"_s, accepted}, {u"rejected"_s, list}};
}

CampaignService::CampaignService(Store &store, EventLog &events, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_events(events)
    , m_clock([] { return Timestamps::nowMs(); })
{
}

void CampaignService::checkAgent(const QString &agentId)
{
    if (!AgentRepository(m_store).find(agentId))
        throw AppError::validation(u"agent_id"_s, u"no agent '%1'"_s.arg(agentId));
}

Campaign CampaignService::create(const QJsonObject &json)
{
    Campaign campaign;
    FieldErrors errors;
    readCampaignJson(json, campaign, true, errors);
    errors.throwIfAny();
    checkAgent(campaign.agentId);
    campaign.id = CampaignIds::newCampaignId();
    campaign.createdAt = campaign.updatedAt = Timestamps::nowMs();
    CampaignRepository(m_store).insert(campaign);
    Q_EMIT campaignChanged(campaign);
    return campaign;
}

Campaign CampaignService::get(const QString &id)
{
    std::optional<Campaign> campaign = CampaignRepository(m_store).find(id);
    if (!campaign)
        throw AppError::notFound(u"Campaign"_s, id);
    return *campaign;
}

QList<Campaign> CampaignService::list()
{
    return CampaignRepository(m_store).list();
}

QMap<QString, qint64> CampaignService::counts(const QString &id)
{
    return CampaignRepository(m_store).counts(id);
}

Campaign CampaignService::change(const QString &id, const std::function<void(Campaign &)> &edit,
                                 std::optional<qint64> expectedVersion)
{
    CampaignRepository campaigns(m_store);
    for (int attempt = 0; attempt < 3; ++attempt) {
        Campaign campaign = get(id);
        if (expectedVersion && campaign.version != *expectedVersion)
            throw AppError(ErrorKind::Conflict,
                           u"Campaign '%1' changed since version %2 (now %3)"_s.arg(id)
                               .arg(*expectedVersion)
                               .arg(campaign.version),
                           {{u"version"_s, campaign.version}});
        const CampaignStatus before = campaign.status;
        edit(campaign);
        campaign.updatedAt = Timestamps::nowMs();
        if (!campaigns.update(campaign))
            continue;
        if (campaign.status != before)
            m_events.record(CampaignStatusChanged, campaign.agentId, {}, 0,
                            {{u"campaign_id"_s, campaign.id},
                             {u"from"_s, toString(before)},
                             {u"to"_s, toString(campaign.status)}});
        Q_EMIT campaignChanged(campaign);
        return campaign;
    }
    throw AppError(ErrorKind::Conflict,
                   u"Campaign '%1' kept changing while it was saved"_s.arg(id));
}

Campaign CampaignService::update(const QString &id, const QJsonObject &json,
                                 std::optional<qint64> expectedVersion)
{
    FieldErrors errors;
    Campaign checked = get(id);
    readCampaignJson(json, checked, false, errors);
    errors.throwIfAny();
    if (json.contains(u"agent_id"_s))
        checkAgent(checked.agentId);
    return change(
        id,
        [&](Campaign &campaign) {
            if (campaign.status == CampaignStatus::Completed ||
                campaign.status == CampaignStatus::Canceled)
                throw wrongStatus(campaign, u"changed"_s);
            FieldErrors ignored; // checked above
            readCampaignJson(json, campaign, false, ignored);
        },
        expectedVersion);
}

void CampaignService::remove(const QString &id)
{
    const Campaign campaign = get(id);
    if (campaign.status == CampaignStatus::Running ||
        DialRepository(m_store).openAttemptCount(id) > 0)
        throw AppError(ErrorKind::Conflict,
                       u"Campaign '%1' is dialing; pause or cancel it and wait for its calls to "
                       u"end before deleting it"_s.arg(id),
                       {{u"status"_s, toString(campaign.status)}});
    if (!CampaignRepository(m_store).remove(id))
        throw AppError::notFound(u"Campaign"_s, id);
    Q_EMIT campaignRemoved(id);
}

CampaignService::ImportResult CampaignService::addRecipients(const QString &id,
                                                             const RecipientImport::Result &parsed)
{
    const Campaign campaign = get(id);
    if (campaign.status == CampaignStatus::Completed || campaign.status == CampaignStatus::Canceled)
        throw wrongStatus(campaign, u"given recipients"_s);
    ImportResult result;
    const QList<RecipientImport::Rejected> already =
        CampaignRepository(m_store).addRecipients(id, parsed.accepted);
    result.accepted = int(parsed.accepted.size() - already.size());
    result.rejected = parsed.rejected + already;
    std::stable_sort(result.rejected.begin(), result.rejected.end(),
                     [](const auto &a, const auto &b) { return a.line < b.line; });
    Q_EMIT progressChanged(id);
    return result;
}

CampaignService::RecipientPage CampaignService::recipients(const QString &id,
                                                           std::optional<RecipientState> state,
                                                           qint64 limit, qint64 offset)
{
    get(id); // NotFound for an unknown campaign, not an empty page
    CampaignRepository campaigns(m_store);
    RecipientPage page;
    page.recipients = campaigns.recipients(id, state, limit, offset);
    page.total = campaigns.recipientCount(id, state);
    QList<qint64> ids;
    for (const Recipient &recipient : std::as_const(page.recipients))
        ids << recipient.id;
    page.attempts = campaigns.attemptsOf(ids);
    return page;
}

Campaign CampaignService::start(const QString &id)
{
    if (CampaignRepository(m_store).recipientCount(id, std::nullopt) == 0)
        throw AppError(ErrorKind::Conflict,
                       u"Campaign '%1' has no recipients yet; add some first"_s.arg(id));
    return change(id, [&](Campaign &campaign) {
        if (campaign.status != CampaignStatus::Draft)
            throw wrongStatus(campaign, u"started (resume a paused one)"_s);
        campaign.status =
            campaign.startAt > now() ? CampaignStatus::Scheduled : CampaignStatus::Running;
        campaign.statusReason.clear();
    });
}

Campaign CampaignService::pause(const QString &id)
{
    return change(id, [&](Campaign &campaign) {
        if (!campaign.isActive())
            throw wrongStatus(campaign, u"paused"_s);
        campaign.status = CampaignStatus::Paused;
        campaign.statusReason.clear();
    });
}

Campaign CampaignService::resume(const QString &id)
{
    return change(id, [&](Campaign &campaign) {
        if (campaign.status != CampaignStatus::Paused)
            throw wrongStatus(campaign, u"resumed"_s);
        campaign.status =
            campaign.startAt > now() ? CampaignStatus::Scheduled : CampaignStatus::Running;
        campaign.statusReason.clear();
    });
}

Campaign CampaignService::cancel(const QString &id)
{
    const Campaign canceled = change(id, [&](Campaign &campaign) {
        if (campaign.status == CampaignStatus::Completed ||
            campaign.status == CampaignStatus::Canceled)
            throw wrongStatus(campaign, u"canceled"_s);
        campaign.status = CampaignStatus::Canceled;
    });
    // Calls under way go on to their end; nobody new is dialed.
    CampaignRepository(m_store).cancelPending(id);
    Q_EMIT progressChanged(id);
    return canceled;
}

int CampaignService::retryUnknown(const QString &id)
{
    const Campaign campaign = get(id);
    if (campaign.status == CampaignStatus::Canceled)
        throw wrongStatus(campaign, u"dialed again"_s);
    const int count = DialRepository(m_store).retryUnknown(id);
    if (count > 0 && campaign.status == CampaignStatus::Completed)
        setStatus(id, CampaignStatus::Paused, u"recipients to dial again; resume to call them"_s);
    Q_EMIT progressChanged(id);
    return count;
}

Campaign CampaignService::setStatus(const QString &id, CampaignStatus status, const QString &reason)
{
    return change(id, [&](Campaign &campaign) {
        campaign.status = status;
        campaign.statusReason = reason;
    });
}

int CampaignService::addDoNotCall(const QStringList &e164Numbers, const QString &reason)
{
    const int added = DncRepository(m_store).add(e164Numbers, reason);
    Q_EMIT doNotCallChanged();
    return added;
}

void CampaignService::removeDoNotCall(const QString &e164Number)
{
    if (!DncRepository(m_store).remove(e164Number))
        throw AppError::notFound(u"Do-not-call number"_s, e164Number);
    Q_EMIT doNotCallChanged();
}

QList<DncEntry> CampaignService::doNotCall(qint64 limit, qint64 offset)
{
    return DncRepository(m_store).list(limit, offset);
}

qint64 CampaignService::doNotCallCount()
{
    return DncRepository(m_store).count();
}
