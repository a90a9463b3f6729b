// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompaniesController.h"

#include "Core.h"
#include "Router.h"
#include "Validation.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
qint64 companyId(const ApiRequest &request)
{
    bool ok = false;
    const qint64 id = request.param(u"id"_s).toLongLong(&ok);
    if (!ok || id < 1)
        throw AppError::validation(u"id"_s, u"must be a positive integer"_s);
    return id;
}

CompanyInput inputFrom(const ApiRequest &request, const Company *existing)
{
    FieldErrors errors;
    CompanyInput input = CompanyInput::fromJson(request.jsonObject(), existing, errors);
    errors.throwIfAny();
    return input;
}

ApiResponse companyResponse(const CompanyResult &result, int status)
{
    QJsonObject json = result.company.toJson();
    if (!result.warnings.isEmpty())
        json.insert(u"warnings"_s, QJsonArray::fromStringList(result.warnings));
    ApiResponse response = ApiResponse::json(json, status);
    response.setHeader("ETag", '"' + QByteArray::number(result.company.version) + '"');
    return response;
}

// The company route's errors carry a sentence in `error`, as its spec shows, where the rest of
// the API puts a code such as "invalid_json".
AppError inRouteWords(const AppError &error)
{
    AppError worded = error;
    if (!error.code().contains(u' '))
        worded.withCode(error.message());
    return worded;
}

qint64 routeCompanyId(const QJsonObject &body)
{
    const QJsonValue value = body.value(u"companyId"_s);
    if (value.isUndefined() || value.isNull() || (value.isString() && value.toString().isEmpty()))
        throw AppError(ErrorKind::Validation, u"Company ID is required"_s,
                       {{u"companyId"_s, u"is required"_s}})
            .withCode(u"Company ID is required"_s);
    qint64 id = 0;
    bool ok = false;
    if (value.isDouble()) {
        const double number = value.toDouble();
        ok = JsonFields::isWholeNumber(number);
        id = ok ? qint64(number) : 0;
    } else if (value.isString()) {
        id = value.toString().toLongLong(&ok);
    }
    if (!ok || id < 1)
        throw AppError(ErrorKind::Validation, u"Company ID must be a positive integer"_s,
                       {{u"companyId"_s, u"must be a positive integer"_s}})
            .withCode(u"Company ID must be a positive integer"_s);
    return id;
}
} // namespace

namespace CompaniesController {
void registerRoutes(Router &router, Core &core)
{
    CompanyService &companies = core.companies();
    const auto key = Router::Access::ApiKey;

    router.addSync("GET", u"/api/v1/companies"_s, key, [&companies](const ApiRequest &) {
        QJsonArray list;
        for (const Company &company : companies.list())
            list.append(company.toJson());
        return ApiResponse::json(list);
    });
    router.addSync("POST", u"/api/v1/companies"_s, key, [&companies](const ApiRequest &request) {
        return companyResponse(companies.create(inputFrom(request, nullptr)), 201);
    });
    router.addSync("GET", u"/api/v1/companies/{id}"_s, key,
                   [&companies](const ApiRequest &request) {
                       return companyResponse({companies.get(companyId(request)), {}}, 200);
                   });
    router.addSync(
        "PUT", u"/api/v1/companies/{id}"_s, key, [&companies](const ApiRequest &request) {
            const Company existing = companies.get(companyId(request));
            return companyResponse(companies.update(existing.id, inputFrom(request, &existing),
                                                    request.expectedVersion()),
                                   200);
        });
    router.addSync("DELETE", u"/api/v1/companies/{id}"_s, key,
                   [&companies](const ApiRequest &request) {
                       companies.remove(companyId(request));
                       return ApiResponse::noContent();
                   });

    CallService &calls = core.calls();
    router.add(
        "POST", u"/api/ultravox-calls/initiate-call"_s, key,
        [&calls](const ApiRequest &request, const Reply &reply) {
            try {
                const QJsonObject body = request.jsonObject();
                FieldErrors errors;
                JsonFields::rejectUnknown(body, {u"companyId"_s, u"destinationNumber"_s}, errors);
                errors.throwIfAny();
                const qint64 id = routeCompanyId(body);
                const QString destination = JsonFields::string(body, u"destinationNumber"_s, errors,
                                                               JsonFields::Presence::Optional);
                if (!destination.isEmpty())
                    errors.check(u"destinationNumber"_s, Rules::checkPhoneNumber(destination));
                if (!errors.isEmpty())
                    throw AppError(ErrorKind::Validation,
                                   u"Invalid destinationNumber: "_s +
                                       errors.toJson().value(u"destinationNumber"_s).toString(),
                                   errors.toJson());
                calls.placeCompanyCall(id, destination, [reply](const CallResult &result) {
                    if (result.error) {
                        reply.fail(inRouteWords(*result.error));
                        return;
                    }
                    reply(ApiResponse::json(
                        QJsonObject{{u"message"_s, u"Call initiated successfully"_s},
                                    {u"callSid"_s, result.call.callSid},
                                    {u"joinUrl"_s, result.call.joinUrl},
                                    {u"callId"_s, result.call.id},
                                    {u"status"_s, toString(result.call.status)},
                                    {u"destinationNumber"_s, result.call.phoneNumber},
                                    {u"sandbox"_s, result.call.sandbox}}));
                });
            } catch (const AppError &error) {
                reply.fail(inRouteWords(error));
            }
        });
}
} // namespace CompaniesController
