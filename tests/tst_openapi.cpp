// SPDX-License-Identifier: GPL-3.0-or-later
// The OpenAPI document against the server that serves it: every registered route is documented
// and nothing else, every operation lists its answers and declares its path parameters, every
// $ref resolves, real answers of a scripted session fit the documented schemas, and the offline
// viewers (/docs, /redoc) load only their own bundled assets.
#include "ApiSchema.h"
#include "Router.h"
#include "SandboxScenarios.h"
#include "ServerStack.h"
#include "TestServer.h"
#include "Version.h"

#include <QRegularExpression>
#include <QSet>
#include <QtTest>

using namespace Qt::StringLiterals;

// Checks an answer against the document and stops the test function at the first mismatch.
#define CONFORMS(method, path, result)                                                             \
    do {                                                                                           \
        conforms(method, path, result);                                                            \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

namespace {
QJsonObject agentBody(const QString &name)
{
    return {{u"name"_s, name},
            {u"prompt"_s, u"You help {{customer_name}} with orders."_s},
            {u"template_variables"_s, QJsonObject{{u"company_name"_s, u"Acme"_s}}}};
}

QJsonObject companyBody(const QString &name)
{
    return {{u"name"_s, name},
            {u"twilio"_s, QJsonObject{{u"account_sid"_s, u"AC0123456789abcdef0123456789abcdef"_s},
                                      {u"auth_token"_s, u"test-auth-token"_s},
                                      {u"phone_number"_s, u"+14155550123"_s}}},
            {u"ultravox"_s, QJsonObject{{u"api_key"_s, u"test-ultravox-key"_s},
                                        {u"system_prompt"_s, u"You are Acme's receptionist."_s}}}};
}
} // namespace

class TestOpenApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        m_server = std::make_unique<TestServer>();
        QString error;
        QVERIFY2(m_server->start(&error), qPrintable(error));
        m_served = m_server->request("GET", u"/openapi.json"_s, {}, {}, false);
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(m_served.body, &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError,
                 qPrintable(parseError.errorString()));
        QVERIFY(document.isObject());
        m_api = std::make_unique<ApiSchema>(document.object(), ApiSchema::Strictness::Strict);
    }

    void cleanupTestCase()
    {
        m_api.reset();
        m_server.reset();
    }

    void documentIsServedWithoutAKey()
    {
        QCOMPARE(m_served.status, 200);
        QCOMPARE(m_served.mediaType(), u"application/json"_s);
        const QJsonObject document = m_api->document();
        QVERIFY(document.value(u"openapi"_s).toString().startsWith(u"3."_s));
        const QString version = document.value(u"info"_s).toObject().value(u"version"_s).toString();
        QCOMPARE(version, QStringLiteral(SWITCHBOARD_VERSION));
        QVERIFY(!m_served.body.contains("@SWITCHBOARD_VERSION@"));
        const QJsonObject scheme = document.value(u"components"_s)
                                       .toObject()
                                       .value(u"securitySchemes"_s)
                                       .toObject()
                                       .value(u"ApiKey"_s)
                                       .toObject();
        QCOMPARE(scheme.value(u"type"_s).toString(), u"apiKey"_s);
        QCOMPARE(scheme.value(u"in"_s).toString(), u"header"_s);
        QCOMPARE(scheme.value(u"name"_s).toString(), u"X-API-Key"_s);
    }

    void documentCoversExactlyTheRegisteredRoutes()
    {
        QHash<QString, QString> registered; // "GET /api/v1/calls/{}" -> the router's pattern
        for (const Router::Route &route : m_server->stack().router().routes())
            registered.insert(QString::fromLatin1(route.method) + u' ' +
                                  ApiSchema::pathShape(route.pattern),
                              route.pattern);
        QHash<QString, QString> documented;
        QHash<QString, QString> shapes;
        const QJsonObject paths = m_api->document().value(u"paths"_s).toObject();
        for (auto it = paths.constBegin(); it != paths.constEnd(); ++it) {
            const QString shape = ApiSchema::pathShape(it.key());
            QVERIFY2(!shapes.contains(shape),
                     qPrintable(u"%1 and %2 differ only in parameter names"_s.arg(
                         shapes.value(shape), it.key())));
            shapes.insert(shape, it.key());
            const QJsonObject item = it.value().toObject();
            for (const QString &method : ApiSchema::methods()) {
                if (item.contains(method))
                    documented.insert(method.toUpper() + u' ' + shape, it.key());
            }
        }
        QStringList undocumented;
        for (auto it = registered.constBegin(); it != registered.constEnd(); ++it) {
            if (!documented.contains(it.key()))
                undocumented << it.key().section(u' ', 0, 0) + u' ' + it.value();
        }
        QStringList unserved;
        for (auto it = documented.constBegin(); it != documented.constEnd(); ++it) {
            if (!registered.contains(it.key()))
                unserved << it.key().section(u' ', 0, 0) + u' ' + it.value();
        }
        undocumented.sort();
        unserved.sort();
        QVERIFY2(undocumented.isEmpty() && unserved.isEmpty(),
                 qPrintable(u"registered but not documented: [%1]; documented but not registered: "
                            u"[%2]"_s.arg(undocumented.join(u", "_s), unserved.join(u", "_s))));
        QCOMPARE(documented.size(), m_server->stack().router().routes().size());
    }

    void securityMatchesTheRouteAccess()
    {
        const QJsonArray global = m_api->document().value(u"security"_s).toArray();
        const QJsonArray apiKeyOnly{QJsonObject{{u"ApiKey"_s, QJsonArray()}}};
        QCOMPARE(global, apiKeyOnly);
        QStringList wrong;
        for (const Router::Route &route : m_server->stack().router().routes()) {
            const QJsonObject operation = operationFor(route.method, route.pattern);
            const bool open = operation.contains(u"security"_s) &&
                              operation.value(u"security"_s).toArray().isEmpty();
            if (open != (route.access == Router::Access::Public))
                wrong << QString::fromLatin1(route.method) + u' ' + route.pattern;
        }
        QVERIFY2(wrong.isEmpty(),
                 qPrintable(u"security differs from the route's access: "_s + wrong.join(u", "_s)));
    }

    void everyOperationDocumentsItsAnswers()
    {
        // Routes that talk to Ultravox or Twilio, and routes that refuse on a resource's state.
        const QSet<QString> providerRoutes{u"POST /api/v1/agents"_s,
                                           u"PUT /api/v1/agents/{}"_s,
                                           u"POST /api/v1/agents/{}/revisions/{}/restore"_s,
                                           u"POST /api/v1/agents/{}/duplicate"_s,
                                           u"DELETE /api/v1/agents/{}"_s,
                                           u"POST /api/v1/calls/{}"_s,
                                           u"POST /api/v1/calls/{}/hangup"_s,
                                           u"POST /api/ultravox-calls/initiate-call"_s,
                                           u"POST /api/v1/agents/{}/test-calls"_s};
        const QSet<QString> conflictRoutes{
            u"PUT /api/v1/agents/{}"_s, u"DELETE /api/v1/agents/{}"_s, u"POST /api/v1/calls/{}"_s,
            u"POST /api/v1/calls/{}/hangup"_s, u"PUT /api/v1/companies/{}"_s,
            u"PUT /api/v1/campaigns/{}"_s, u"DELETE /api/v1/campaigns/{}"_s,
            u"POST /api/v1/campaigns/{}/recipients"_s, u"POST /api/v1/campaigns/{}/start"_s,
            u"POST /api/v1/campaigns/{}/pause"_s, u"POST /api/v1/campaigns/{}/resume"_s,
            u"POST /api/v1/campaigns/{}/cancel"_s, u"POST /api/v1/campaigns/{}/retry-unknown"_s,
            u"DELETE /api/v1/calls/{}"_s};
        const QSet<QString> creations{u"POST /api/v1/agents"_s, u"POST /api/v1/calls/{}"_s,
                                      u"POST /api/v1/companies"_s,
                                      u"POST /api/v1/agents/{}/duplicate"_s,
                                      u"POST /api/v1/campaigns"_s,
                                      u"POST /api/v1/agents/{}/test-calls"_s};
        QStringList problems;
        QSet<QString> operationIds;
        for (const Router::Route &route : m_server->stack().router().routes()) {
            const QString method = QString::fromLatin1(route.method);
            const QString name = method + u' ' + ApiSchema::pathShape(route.pattern);
            const QString pathTemplate = m_api->pathTemplate(route.pattern);
            const QJsonObject operation = m_api->operation(pathTemplate, method);
            const QStringList declared = declaredParameters(method, pathTemplate);
            const bool hasPathParameters = !ApiSchema::templateParameters(route.pattern).isEmpty();
            const QString id = operation.value(u"operationId"_s).toString();
            if (id.isEmpty() || operationIds.contains(id))
                problems << name + u": missing or repeated operationId"_s;
            operationIds.insert(id);
            const QJsonObject responses = operation.value(u"responses"_s).toObject();

            const QString success = method == u"DELETE"_s      ? u"204"_s
                                    : creations.contains(name) ? u"201"_s
                                                               : u"200"_s;
            QStringList successes;
            for (auto it = responses.constBegin(); it != responses.constEnd(); ++it) {
                if (it.key().startsWith(u'2'))
                    successes << it.key();
            }
            if (successes != QStringList{success})
                problems << name + u": success answers are [%1], expected %2"_s.arg(
                                       successes.join(u", "_s), success);
            const QJsonObject ok = m_api->response(operation, success.toInt());
            if (success != u"204"_s && ok.value(u"content"_s).toObject().isEmpty())
                problems << name + u": the success answer has no content"_s;
            if (!ok.value(u"headers"_s).toObject().contains(u"X-Request-ID"_s))
                problems << name + u": the success answer does not list X-Request-ID"_s;

            const bool underApi = route.pattern.startsWith(u"/api/"_s);
            const bool hasInput = operation.contains(u"requestBody"_s) || hasPathParameters ||
                                  declared.size() > declared.count(u"header:X-Request-ID"_s);
            // Basic health is exempt from the rate limit, for monitors; it promises no 429.
            const bool neverLimited = route.pattern == u"/api/v1/health"_s;
            QStringList expected{u"403"_s, u"405"_s, u"413"_s, u"500"_s};
            if (!neverLimited)
                expected << u"429"_s;
            else if (responses.contains(u"429"_s))
                problems << name + u": basic health is never rate limited, yet lists 429"_s;
            if (route.access == Router::Access::ApiKey)
                expected << u"401"_s;
            if (underApi && hasInput)
                expected << u"400"_s;
            if (hasPathParameters)
                expected << u"404"_s;
            if (providerRoutes.contains(name))
                expected << u"502"_s << u"503"_s << u"504"_s;
            if (conflictRoutes.contains(name))
                expected << u"409"_s;
            for (const QString &code : std::as_const(expected)) {
                const QJsonObject answer = responses.value(code).toObject();
                if (!answer.value(u"$ref"_s).toString().startsWith(u"#/components/responses/"_s)) {
                    problems << name + u": no reference to a shared %1 answer"_s.arg(code);
                    continue;
                }
                const QJsonObject schema = m_api->responseSchema(operation, code.toInt());
                if (schema.value(u"$ref"_s).toString() != u"#/components/schemas/ErrorBody"_s)
                    problems << name + u": the %1 answer is not an ErrorBody"_s.arg(code);
            }
            const QJsonObject retryAfter = m_api->resolved(m_api->response(operation, 429)
                                                               .value(u"headers"_s)
                                                               .toObject()
                                                               .value(u"Retry-After"_s)
                                                               .toObject());
            if (!neverLimited && !retryAfter.value(u"required"_s).toBool())
                problems << name + u": the 429 answer does not promise Retry-After"_s;
            if (method == u"PUT"_s && !declared.contains(u"header:If-Match"_s))
                problems << name + u": no If-Match parameter"_s;
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
    }

    void everyPathParameterIsDeclared()
    {
        QStringList problems;
        const QJsonObject paths = m_api->document().value(u"paths"_s).toObject();
        for (auto it = paths.constBegin(); it != paths.constEnd(); ++it) {
            QStringList inTemplate = ApiSchema::templateParameters(it.key());
            inTemplate.sort();
            const QJsonObject item = it.value().toObject();
            for (const QString &method : ApiSchema::methods()) {
                if (!item.contains(method))
                    continue;
                QStringList declared;
                for (const QString &parameter : declaredParameters(method, it.key())) {
                    if (parameter.startsWith(u"path:"_s))
                        declared << parameter.mid(5);
                }
                declared.sort();
                if (declared != inTemplate)
                    problems << u"%1 %2 declares path parameters [%3], the template has [%4]"_s.arg(
                        method.toUpper(), it.key(), declared.join(u", "_s),
                        inTemplate.join(u", "_s));
                for (const QJsonObject &parameter : m_api->parameters(it.key(), method)) {
                    if (parameter.value(u"in"_s).toString() == u"path"_s &&
                        !parameter.value(u"required"_s).toBool())
                        problems << u"%1 %2: path parameter %3 is not required"_s.arg(
                            method.toUpper(), it.key(), parameter.value(u"name"_s).toString());
                    if (!parameter.contains(u"schema"_s))
                        problems << u"%1 %2: parameter %3 has no schema"_s.arg(
                            method.toUpper(), it.key(), parameter.value(u"name"_s).toString());
                }
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
    }

    void everyReferenceResolves()
    {
        const QList<ApiSchema::Reference> references = m_api->references();
        QVERIFY(references.size() > 100);
        QStringList broken;
        for (const ApiSchema::Reference &reference : references) {
            if (!m_api->pointer(reference.ref))
                broken << reference.where + u" -> "_s + reference.ref;
        }
        QVERIFY2(broken.isEmpty(), qPrintable(u"unresolved: "_s + broken.join(u", "_s)));
    }

    void sandboxNumbersAreDocumented()
    {
        const QString description =
            operationFor("POST", u"/api/v1/calls/{agent_id}"_s).value(u"description"_s).toString();
        for (const Sandbox::Number &number : Sandbox::numbers())
            QVERIFY2(description.contains(number.phoneNumber), qPrintable(number.phoneNumber));
        QVERIFY(description.contains(Sandbox::DefaultFromNumber));
        const QString agents =
            operationFor("POST", u"/api/v1/agents"_s).value(u"description"_s).toString();
        QVERIFY(agents.contains(Sandbox::RejectedAgentMarker));
    }

    void requestExamplesAreAccepted()
    {
        const QJsonObject agents = operationFor("POST", u"/api/v1/agents"_s);
        const QJsonObject examples = agents.value(u"requestBody"_s)
                                         .toObject()
                                         .value(u"content"_s)
                                         .toObject()
                                         .value(u"application/json"_s)
                                         .toObject()
                                         .value(u"examples"_s)
                                         .toObject();
        QVERIFY(!examples.isEmpty());
        for (auto it = examples.constBegin(); it != examples.constEnd(); ++it) {
            const HttpResult created = m_server->post(
                u"/api/v1/agents"_s, it.value().toObject().value(u"value"_s).toObject());
            QVERIFY2(created.status == 201,
                     qPrintable(it.key() + u": "_s + QString::fromUtf8(created.body)));
            CONFORMS("POST", u"/api/v1/agents"_s, created);
        }
        const QJsonObject company = m_api->component(u"CompanyInput"_s);
        const HttpResult created =
            m_server->post(u"/api/v1/companies"_s, company.value(u"example"_s).toObject());
        QVERIFY2(created.status == 201, created.body.constData());
        CONFORMS("POST", u"/api/v1/companies"_s, created);
    }

    void answersFitTheirSchemas()
    {
        // Agents.
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, agentBody(u"Schema"_s));
        QCOMPARE(created.status, 201);
        CONFORMS("POST", u"/api/v1/agents"_s, created);
        const QString agentId = created.object().value(u"id"_s).toString();
        CONFORMS("GET", u"/api/v1/agents"_s, m_server->get(u"/api/v1/agents?limit=5&offset=0"_s));
        CONFORMS("GET", u"/api/v1/agents/"_s + agentId,
                 m_server->get(u"/api/v1/agents/"_s + agentId));
        const HttpResult stale = m_server->request("PUT", u"/api/v1/agents/"_s + agentId,
                                                   QJsonDocument(agentBody(u"Stale"_s)).toJson(),
                                                   {{"If-Match", "\"99\""}});
        QCOMPARE(stale.status, 409);
        CONFORMS("PUT", u"/api/v1/agents/"_s + agentId, stale);
        const HttpResult updated =
            m_server->request("PUT", u"/api/v1/agents/"_s + agentId,
                              QJsonDocument(agentBody(u"Schema again"_s)).toJson(),
                              {{"If-Match", created.header("ETag")}});
        QCOMPARE(updated.status, 200);
        CONFORMS("PUT", u"/api/v1/agents/"_s + agentId, updated);
        // Revisions, duplicate, export and import.
        const QString revisions = u"/api/v1/agents/%1/revisions"_s.arg(agentId);
        CONFORMS("GET", revisions, m_server->get(revisions));
        CONFORMS("GET", revisions + u"/1"_s, m_server->get(revisions + u"/1"_s));
        const HttpResult restored = m_server->request("POST", revisions + u"/1/restore"_s);
        QCOMPARE(restored.status, 200);
        CONFORMS("POST", revisions + u"/1/restore"_s, restored);
        const QString duplicate = u"/api/v1/agents/%1/duplicate"_s.arg(agentId);
        const HttpResult copy = m_server->post(duplicate, {{u"name"_s, u"Schema copy"_s}});
        QCOMPARE(copy.status, 201);
        CONFORMS("POST", duplicate, copy);
        const HttpResult exported = m_server->get(u"/api/v1/agents/export"_s);
        CONFORMS("GET", u"/api/v1/agents/export"_s, exported);
        const HttpResult imported = m_server->post(u"/api/v1/agents/import"_s, exported.object());
        QCOMPARE(imported.status, 200);
        CONFORMS("POST", u"/api/v1/agents/import"_s, imported);

        // A sandbox call followed to its end, and one hung up at once.
        const HttpResult placed =
            m_server->post(u"/api/v1/calls/"_s + agentId,
                           {{u"phone_number"_s, u"+14155550123"_s},
                            {u"template_context"_s, QJsonObject{{u"customer_name"_s, u"Jane"_s}}}});
        QCOMPARE(placed.status, 201);
        CONFORMS("POST", u"/api/v1/calls/"_s + agentId, placed);
        const QString sid = placed.object().value(u"call_sid"_s).toString();
        const QString transcript = u"/api/v1/calls/"_s + sid + u"/transcript"_s;
        CONFORMS("GET", u"/api/v1/calls/"_s + sid, m_server->get(u"/api/v1/calls/"_s + sid));
        CONFORMS("GET", transcript, m_server->get(transcript));
        QVERIFY(waitUntil(
            [&] { return m_server->get(transcript).object().value(u"complete"_s).toBool(); }));
        const HttpResult complete = m_server->get(transcript);
        QVERIFY(complete.object().value(u"count"_s).toInt() > 0);
        CONFORMS("GET", transcript, complete);
        CONFORMS("GET", u"/api/v1/calls/"_s + sid, m_server->get(u"/api/v1/calls/"_s + sid));

        const HttpResult second =
            m_server->post(u"/api/v1/calls/"_s + agentId, {{u"phone_number"_s, u"+14155550102"_s}});
        QCOMPARE(second.status, 201);
        const QString secondSid = second.object().value(u"call_sid"_s).toString();
        // A test call: its answer, the record with its flag, the filter, and its deletion.
        const HttpResult test =
            m_server->post(u"/api/v1/agents/%1/test-calls"_s.arg(agentId),
                           {{u"medium"_s, u"text"_s},
                            {u"template_context"_s, QJsonObject{{u"customer_name"_s, u"Ada"_s}}}});
        QVERIFY2(test.status == 201, test.body.constData());
        CONFORMS("POST", u"/api/v1/agents/%1/test-calls"_s.arg(agentId), test);
        const QString testId = test.object().value(u"call_id"_s).toString();
        CONFORMS("GET", u"/api/v1/calls/"_s + testId, m_server->get(u"/api/v1/calls/"_s + testId));
        CONFORMS("GET", u"/api/v1/calls?test=true"_s, m_server->get(u"/api/v1/calls?test=true"_s));
        CONFORMS("DELETE", u"/api/v1/calls/"_s + secondSid,
                 m_server->request("DELETE", u"/api/v1/calls/"_s + secondSid));
        CONFORMS("DELETE", u"/api/v1/calls/"_s + testId,
                 m_server->request("DELETE", u"/api/v1/calls/"_s + testId));

        const QString hangup = u"/api/v1/calls/"_s + secondSid + u"/hangup"_s;
        const HttpResult hungUp = m_server->request("POST", hangup);
        QVERIFY2(hungUp.status == 200 || hungUp.status == 409, hungUp.body.constData());
        CONFORMS("POST", hangup, hungUp);
        QVERIFY(waitUntil([&] {
            return m_server->get(u"/api/v1/calls/"_s + secondSid + u"/transcript"_s)
                .object()
                .value(u"complete"_s)
                .toBool();
        }));
        const HttpResult again = m_server->request("POST", hangup);
        QCOMPARE(again.status, 409);
        CONFORMS("POST", hangup, again);
        CONFORMS("GET", u"/api/v1/calls"_s,
                 m_server->get(u"/api/v1/calls?q=Schema&from=2000-01-01&status=completed"_s));
        CONFORMS("GET", u"/api/v1/calls"_s, m_server->get(u"/api/v1/calls"_s));
        const HttpResult refused =
            m_server->post(u"/api/v1/calls/"_s + agentId, {{u"phone_number"_s, u"+14155550104"_s}});
        QCOMPARE(refused.status, 502);
        CONFORMS("POST", u"/api/v1/calls/"_s + agentId, refused);

        // Companies and the company route.
        const HttpResult company = m_server->post(u"/api/v1/companies"_s, companyBody(u"Acme"_s));
        QCOMPARE(company.status, 201);
        CONFORMS("POST", u"/api/v1/companies"_s, company);
        const QString companyPath =
            u"/api/v1/companies/"_s + QString::number(company.object().value(u"id"_s).toInt());
        CONFORMS("GET", u"/api/v1/companies"_s, m_server->get(u"/api/v1/companies"_s));
        CONFORMS("GET", companyPath, m_server->get(companyPath));
        QJsonObject change = companyBody(u"Acme Two"_s);
        QJsonObject twilio = change.value(u"twilio"_s).toObject();
        twilio.remove(u"auth_token"_s);
        change.insert(u"twilio"_s, twilio);
        const HttpResult changed = m_server->put(companyPath, change);
        QCOMPARE(changed.status, 200);
        CONFORMS("PUT", companyPath, changed);
        const QString route = u"/api/ultravox-calls/initiate-call"_s;
        const HttpResult routed =
            m_server->post(route, {{u"companyId"_s, company.object().value(u"id"_s)},
                                   {u"destinationNumber"_s, u"+919398178764"_s}});
        QCOMPARE(routed.status, 200);
        CONFORMS("POST", route, routed);
        const HttpResult noCompany = m_server->post(route, {{u"destinationNumber"_s, u"+1"_s}});
        QCOMPARE(noCompany.status, 400);
        QCOMPARE(noCompany.object().value(u"error"_s).toString(), u"Company ID is required"_s);
        CONFORMS("POST", route, noCompany);
        const HttpResult unknown = m_server->post(route, {{u"companyId"_s, 987654}});
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.object().value(u"error"_s).toString(),
                 u"Twilio configuration not found"_s);
        CONFORMS("POST", route, unknown);

        // Monitoring.
        CONFORMS("GET", u"/api/v1/metrics"_s, m_server->get(u"/api/v1/metrics"_s));
        CONFORMS("GET", u"/api/v1/metrics/events"_s,
                 m_server->get(u"/api/v1/metrics/events?limit=1000"_s));
        CONFORMS("GET", u"/api/v1/metrics/api-calls"_s,
                 m_server->get(u"/api/v1/metrics/api-calls"_s));
        CONFORMS("GET", u"/api/v1/health"_s,
                 m_server->request("GET", u"/api/v1/health"_s, {}, {}, false));
        CONFORMS("GET", u"/api/v1/health/detailed"_s,
                 m_server->request("GET", u"/api/v1/health/detailed"_s, {}, {}, false));

        // Deletions, once nothing is in progress.
        const HttpResult deleted = m_server->del(u"/api/v1/agents/"_s + agentId);
        QCOMPARE(deleted.status, 204);
        CONFORMS("DELETE", u"/api/v1/agents/"_s + agentId, deleted);
        const HttpResult removed = m_server->del(companyPath);
        QCOMPARE(removed.status, 204);
        CONFORMS("DELETE", companyPath, removed);
    }

    void errorAnswersFitTheirSchemas()
    {
        const HttpResult invalid = m_server->post(
            u"/api/v1/agents"_s, {{u"name"_s, u"  "_s}, {u"prompt"_s, u"x"_s}, {u"extra"_s, 1}});
        QCOMPARE(invalid.status, 400);
        CONFORMS("POST", u"/api/v1/agents"_s, invalid);
        const HttpResult notJson = m_server->request("POST", u"/api/v1/agents"_s, "{\"name\":", {});
        QCOMPARE(notJson.status, 400);
        CONFORMS("POST", u"/api/v1/agents"_s, notJson);
        const HttpResult badQuery = m_server->get(u"/api/v1/calls?limit=5000"_s);
        QCOMPARE(badQuery.status, 400);
        CONFORMS("GET", u"/api/v1/calls"_s, badQuery);
        const HttpResult missing = m_server->get(u"/api/v1/agents/agent_nobody"_s);
        QCOMPARE(missing.status, 404);
        CONFORMS("GET", u"/api/v1/agents/agent_nobody"_s, missing);
        const HttpResult noKey = m_server->request("GET", u"/api/v1/agents"_s, {}, {}, false);
        QCOMPARE(noKey.status, 401);
        CONFORMS("GET", u"/api/v1/agents"_s, noKey);
        const HttpResult patch = m_server->request("PATCH", u"/api/v1/agents/agent_nobody"_s);
        QCOMPARE(patch.status, 405);
        CONFORMS("PATCH", u"/api/v1/agents/agent_nobody"_s, patch);
        const HttpResult tooLarge =
            m_server->request("POST", u"/api/v1/agents"_s, QByteArray(1024 * 1024 + 100, ' '), {});
        QCOMPARE(tooLarge.status, 413);
        CONFORMS("POST", u"/api/v1/agents"_s, tooLarge);

        const HttpResult foreign = TestHttp::parse(TestHttp::sendRaw(
            m_server->port(),
            "GET /api/v1/health HTTP/1.1\r\nHost: rebind.example\r\nConnection: close\r\n\r\n"));
        QCOMPARE(foreign.status, 403);
        CONFORMS("GET", u"/api/v1/health"_s, foreign);
    }

    void rateLimitedAnswerFitsItsSchema()
    {
        TestServerOptions options;
        options.limits = RateLimits{60, 1000, 2};
        TestServer limited(options);
        QVERIFY(limited.start());
        HttpResult last;
        for (int i = 0; i < 3; ++i)
            last = limited.get(u"/api/v1/agents"_s);
        QCOMPARE(last.status, 429);
        CONFORMS("GET", u"/api/v1/agents"_s, last);
    }

    void viewersLoadOnlyLocalAssets_data()
    {
        QTest::addColumn<QString>("page");
        QTest::newRow("swagger") << u"/docs"_s;
        QTest::newRow("redoc") << u"/redoc"_s;
    }

    void viewersLoadOnlyLocalAssets()
    {
        QFETCH(QString, page);
        const HttpResult html = m_server->request("GET", page, {}, {}, false);
        QCOMPARE(html.status, 200);
        QCOMPARE(html.mediaType(), u"text/html"_s);
        CONFORMS("GET", page, html);
        const QString text = QString::fromUtf8(html.body);
        static const QRegularExpression sources(
            u"<(script|link)\\b[^>]*\\b(src|href)\\s*=\\s*[\"']([^\"']+)[\"']"_s,
            QRegularExpression::CaseInsensitiveOption);
        QStringList assets;
        for (auto it = sources.globalMatch(text); it.hasNext();) {
            const QString source = it.next().captured(3);
            QVERIFY2(!source.contains(u"//"_s), qPrintable(source));
            QVERIFY2(source.startsWith(u"/docs/assets/"_s), qPrintable(source));
            assets << source;
        }
        QVERIFY(!text.contains(u"http://"_s, Qt::CaseInsensitive));
        QVERIFY(!text.contains(u"https://"_s, Qt::CaseInsensitive));
        QVERIFY(assets.size() >= 2);
        for (const QString &asset : std::as_const(assets)) {
            const HttpResult file = m_server->request("GET", asset, {}, {}, false);
            QVERIFY2(file.status == 200, qPrintable(asset));
            QVERIFY(!file.body.isEmpty());
            const QString type = file.mediaType();
            if (asset.endsWith(u".js"_s))
                QVERIFY2(type == u"text/javascript"_s, qPrintable(asset + u": "_s + type));
            else if (asset.endsWith(u".css"_s))
                QVERIFY2(type == u"text/css"_s, qPrintable(asset + u": "_s + type));
            else
                QFAIL(qPrintable(u"neither a script nor a style sheet: "_s + asset));
            CONFORMS("GET", asset, file);
        }
    }

    void licencesAreServed_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("swagger-ui licence") << u"LICENSE-swagger-ui"_s;
        QTest::newRow("swagger-ui notice") << u"NOTICE-swagger-ui"_s;
        QTest::newRow("redoc licence") << u"LICENSE-redoc"_s;
    }

    void licencesAreServed()
    {
        QFETCH(QString, file);
        const HttpResult licence =
            m_server->request("GET", u"/docs/assets/"_s + file, {}, {}, false);
        QCOMPARE(licence.status, 200);
        QVERIFY(licence.body.size() > 10);
        QCOMPARE(licence.mediaType(), u"text/plain"_s);
        CONFORMS("GET", u"/docs/assets/"_s + file, licence);
    }

    void unsafeAssetNamesAreRefused_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("encoded traversal") << u"..%2Fopenapi.json"_s;
        QTest::newRow("encoded traversal to the API") << u"..%2F..%2Fapi%2Fv1%2Fagents"_s;
        QTest::newRow("hidden file") << u".hidden"_s;
        QTest::newRow("unknown file") << u"swagger-ui.css.map"_s;
    }

    void unsafeAssetNamesAreRefused()
    {
        QFETCH(QString, file);
        const HttpResult refused =
            m_server->request("GET", u"/docs/assets/"_s + file, {}, {}, false);
        QCOMPARE(refused.status, 404);
        QCOMPARE(refused.mediaType(), u"application/json"_s);
        const QJsonObject body = refused.object();
        QCOMPARE(body.value(u"error"_s).toString(), u"not_found"_s);
        QCOMPARE(body.value(u"request_id"_s).toString().toLatin1(), refused.header("X-Request-ID"));
        QVERIFY(!refused.body.contains("\"openapi\""));
        const QStringList problems =
            m_api->check(body, m_api->component(u"ErrorBody"_s), ApiSchema::Direction::Response);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n"_s)));
    }

private:
    // The documented operation of a route (the parameter names may differ).
    QJsonObject operationFor(const QByteArray &method, const QString &pattern) const
    {
        return m_api->operation(m_api->pathTemplate(pattern), QString::fromLatin1(method));
    }

    // "in:name" of every parameter of the operation, path-level ones included.
    QStringList declaredParameters(const QString &method, const QString &pathTemplate) const
    {
        QStringList names;
        for (const QJsonObject &parameter : m_api->parameters(pathTemplate, method))
            names << parameter.value(u"in"_s).toString() + u':' +
                         parameter.value(u"name"_s).toString();
        return names;
    }

    // Fails unless the answer is as documented and carries its request id.
    void conforms(const QByteArray &method, const QString &pathAndQuery, const HttpResult &result)
    {
        const QString what = QString::fromLatin1(method) + u' ' + pathAndQuery.section(u'?', 0, 0) +
                             u" -> "_s + QString::number(result.status);
        QVERIFY2(result.networkError.isEmpty(), qPrintable(what + u": "_s + result.networkError));
        QVERIFY2(!result.header("X-Request-ID").isEmpty(),
                 qPrintable(what + u": no X-Request-ID"_s));
        const QStringList problems = m_api->checkAnswer(method, pathAndQuery, result);
        QVERIFY2(problems.isEmpty(), qPrintable(what + u":\n"_s + problems.join(u"\n"_s)));
    }

    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<ApiSchema> m_api;
    HttpResult m_served;
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
