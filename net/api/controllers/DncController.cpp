// SPDX-License-Identifier: GPL-3.0-or-later
#include "DncController.h"

#include "Core.h"
#include "ListBody.h"
#include "PhoneNumbers.h"
#include "Router.h"
#include "Validation.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
// POST /api/v1/dnc also takes {"phone_numbers": [...], "reason": "..."} or {"phone_number": ...}.
RecipientImport::Result readNumbers(const ApiRequest &request, QString *reason)
{
    if (request.header("Content-Type").toLower().startsWith("text/csv"))
        return ListBody::read(request);
    const QJsonObject body = request.jsonObject();
    FieldErrors errors;
    JsonFields::rejectUnknown(body, {u"phone_numbers"_s, u"phone_number"_s, u"reason"_s}, errors);
    *reason = JsonFields::string(body, u"reason"_s, errors, JsonFields::Presence::Optional);
    if (reason->size() > 200)
        errors.add(u"reason"_s, u"must be at most 200 characters"_s);
    QJsonArray numbers = body.value(u"phone_numbers"_s).toArray();
    if (body.contains(u"phone_number"_s))
        numbers.prepend(body.value(u"phone_number"_s));
    if (numbers.isEmpty())
        errors.add(u"phone_numbers"_s, u"must list at least one number"_s);
    errors.throwIfAny();
    QJsonArray items;
    for (const QJsonValue &number : numbers)
        items.append(QJsonObject{{u"phone_number"_s, number}});
    const QString region =
        request.queryString(u"default_region"_s).value_or(QString()).toUpper().left(2);
    return RecipientImport::fromJson(items, region);
}
} // namespace

namespace DncController {
void registerRoutes(Router &router, Core &core)
{
    CampaignService &campaigns = core.campaigns();
    const auto key = Router::Access::ApiKey;

    router.addSync("GET", u"/api/v1/dnc"_s, key, [&campaigns](const ApiRequest &request) {
        const qint64 limit = request.queryInteger(u"limit"_s, 100, 1, 1000);
        const qint64 offset =
            request.queryInteger(u"offset"_s, 0, 0, std::numeric_limits<qint64>::max());
        QJsonArray list;
        for (const DncEntry &entry : campaigns.doNotCall(limit, offset))
            list.append(entry.toJson());
        return ApiResponse::json(QJsonObject{{u"numbers"_s, list},
                                             {u"count"_s, list.size()},
                                             {u"total"_s, campaigns.doNotCallCount()},
                                             {u"limit"_s, limit},
                                             {u"offset"_s, offset}});
    });

    router.addSync("POST", u"/api/v1/dnc"_s, key, [&campaigns](const ApiRequest &request) {
        QString reason;
        const RecipientImport::Result numbers = readNumbers(request, &reason);
        QStringList e164;
        for (const RecipientImport::Accepted &number : numbers.accepted)
            e164 << number.phoneNumber;
        const int added = e164.isEmpty() ? 0 : campaigns.addDoNotCall(e164, reason);
        QJsonArray rejected;
        for (const RecipientImport::Rejected &line : numbers.rejected)
            rejected.append(line.toJson());
        return ApiResponse::json(QJsonObject{{u"added"_s, added},
                                             {u"already_listed"_s, e164.size() - added},
                                             {u"rejected"_s, rejected}});
    });

    router.addSync(
        "DELETE", u"/api/v1/dnc/{phone_number}"_s, key, [&campaigns](const ApiRequest &request) {
            const QString written = request.param(u"phone_number"_s);
            const PhoneNumbers::Normalized number = PhoneNumbers::normalize(written, QString());
            if (number.e164.isEmpty())
                throw AppError::validation(u"phone_number"_s, number.problem);
            campaigns.removeDoNotCall(number.e164);
            return ApiResponse::noContent();
        });
}
} // namespace DncController
