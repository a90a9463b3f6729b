// SPDX-License-Identifier: GPL-3.0-or-later
#include "CampaignsController.h"

#include "CampaignResults.h"
#include "Core.h"
#include "ListBody.h"
#include "Router.h"

#include <QBuffer>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
QString campaignId(const ApiRequest &request)
{
    const QString id = request.param(u"campaign_id"_s);
    if (!CampaignIds::looksValid(id))
        throw AppError::notFound(u"Campaign"_s, id.left(100));
    return id;
}

QJsonObject campaignJson(CampaignService &campaigns, const Campaign &campaign)
{
    return campaign.toJson(campaigns.counts(campaign.id));
}

std::optional<RecipientState> stateFilter(const ApiRequest &request)
{
    const std::optional<QString> text = request.queryString(u"state"_s);
    if (!text || text->isEmpty())
        return std::nullopt;
    RecipientState state;
    if (!recipientStateFromString(*text, &state)) {
        QStringList names;
        for (const RecipientState known : allRecipientStates())
            names << toString(known);
        throw AppError::validation(u"state"_s, u"must be one of %1"_s.arg(names.join(u", "_s)));
    }
    return state;
}
} // namespace

namespace CampaignsController {
void registerRoutes(Router &router, Core &core)
{
    CampaignService &campaigns = core.campaigns();
    CampaignDispatcher &dispatcher = core.dispatcher();
    const auto key = Router::Access::ApiKey;

    router.addSync("POST", u"/api/v1/campaigns"_s, key, [&campaigns](const ApiRequest &request) {
        const Campaign created = campaigns.create(request.jsonObject());
        return ApiResponse::json(campaignJson(campaigns, created), 201);
    });

    router.addSync("GET", u"/api/v1/campaigns"_s, key, [&campaigns](const ApiRequest &) {
        QJsonArray list;
        for (const Campaign &campaign : campaigns.list())
            list.append(campaignJson(campaigns, campaign));
        return ApiResponse::json(QJsonObject{{u"campaigns"_s, list}, {u"count"_s, list.size()}});
    });

    router.addSync(
        "GET", u"/api/v1/campaigns/{campaign_id}"_s, key, [&campaigns](const ApiRequest &request) {
            return ApiResponse::json(campaignJson(campaigns, campaigns.get(campaignId(request))));
        });

    router.addSync("PUT", u"/api/v1/campaigns/{campaign_id}"_s, key,
                   [&campaigns](const ApiRequest &request) {
                       const QString id = campaignId(request);
                       const Campaign changed =
                           campaigns.update(id, request.jsonObject(), request.expectedVersion());
                       return ApiResponse::json(campaignJson(campaigns, changed));
                   });

    router.addSync("DELETE", u"/api/v1/campaigns/{campaign_id}"_s, key,
                   [&campaigns](const ApiRequest &request) {
                       campaigns.remove(campaignId(request));
                       return ApiResponse::noContent();
                   });

    router.addSync("POST", u"/api/v1/campaigns/{campaign_id}/recipients"_s, key,
                   [&campaigns](const ApiRequest &request) {
                       const QString id = campaignId(request);
                       campaigns.get(id); // an unknown campaign is 404 before the body is read
                       const auto result = campaigns.addRecipients(id, ListBody::read(request));
                       return ApiResponse::json(result.toJson());
                   });

    router.addSync("GET", u"/api/v1/campaigns/{campaign_id}/recipients"_s, key,
                   [&campaigns](const ApiRequest &request) {
                       const QString id = campaignId(request);
                       const std::optional<RecipientState> state = stateFilter(request);
                       const qint64 limit = request.queryInteger(u"limit"_s, 100, 1, 1000);
                       const qint64 offset = request.queryInteger(
                           u"offset"_s, 0, 0, std::numeric_limits<qint64>::max());
                       const CampaignService::RecipientPage page =
                           campaigns.recipients(id, state, limit, offset);
                       QJsonArray list;
                       for (const Recipient &recipient : page.recipients)
                           list.append(recipientJson(recipient, page.attempts.value(recipient.id)));
                       return ApiResponse::json(QJsonObject{{u"recipients"_s, list},
                                                            {u"count"_s, list.size()},
                                                            {u"total"_s, page.total},
                                                            {u"limit"_s, limit},
                                                            {u"offset"_s, offset}});
                   });

    router.addSync("GET", u"/api/v1/campaigns/{campaign_id}/results"_s, key,
                   [&campaigns, &core](const ApiRequest &request) {
                       const QString id = campaignId(request);
                       campaigns.get(id); // 404 for an unknown campaign, not an empty file
                       QBuffer csv;
                       csv.open(QIODevice::WriteOnly);
                       CampaignResults::writeCsv(core.store(), id, csv);
                       ApiResponse response;
                       response.contentType = "text/csv; charset=utf-8";
                       response.body = csv.data();
                       response.setHeader("Content-Disposition", "attachment; filename=\"" +
                                                                     id.toLatin1() +
                                                                     "-results.csv\"");
                       return response;
                   });

    using Action = Campaign (CampaignService::*)(const QString &);
    const QList<QPair<QString, Action>> actions{{u"start"_s, &CampaignService::start},
                                                {u"pause"_s, &CampaignService::pause},
                                                {u"resume"_s, &CampaignService::resume},
                                                {u"cancel"_s, &CampaignService::cancel}};
    for (const auto &[name, action] : actions) {
        router.addSync("POST", u"/api/v1/campaigns/{campaign_id}/"_s + name, key,
                       [&campaigns, &dispatcher, action = action](const ApiRequest &request) {
                           const Campaign changed = (campaigns.*action)(campaignId(request));
                           // Dial now rather than at the next round.
                           QMetaObject::invokeMethod(&dispatcher, &CampaignDispatcher::tick,
                                                     Qt::QueuedConnection);
                           return ApiResponse::json(campaignJson(campaigns, changed));
                       });
    }

    router.addSync("POST", u"/api/v1/campaigns/{campaign_id}/retry-unknown"_s, key,
                   [&campaigns](const ApiRequest &request) {
                       const QString id = campaignId(request);
                       const int count = campaigns.retryUnknown(id);
                       return ApiResponse::json(QJsonObject{
                           {u"recipients"_s, count},
                           {u"campaign"_s, campaignJson(campaigns, campaigns.get(id))}});
                   });
}
} // namespace CampaignsController
