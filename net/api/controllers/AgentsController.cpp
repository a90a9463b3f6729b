// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentsController.h"

#include "Core.h"
#include "Router.h"
#include "Validation.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {
QString checkedAgentId(const ApiRequest &request)
{
    const QString id = request.param(u"agent_id"_s);
    const QString problem = Rules::checkResourceId(id);
    if (!problem.isEmpty())
        throw AppError::validation(u"agent_id"_s, problem);
    return id;
}

AgentConfig configFrom(const ApiRequest &request)
{
    FieldErrors errors;
    const AgentConfig config = AgentConfig::fromJson(request.jsonObject(), errors);
    errors.throwIfAny();
    return config;
}

ApiResponse agentResponse(QByteArray json, qint64 version, int status)
{
    ApiResponse response;
    response.status = status;
    response.body = std::move(json);
    response.setHeader("ETag", '"' + QByteArray::number(version) + '"');
    return response;
}

ApiResponse agentResponse(const Agent &agent, int status)
{
    return agentResponse(agent.toJsonBytes(), agent.version, status);
}

qint64 checkedRevision(const ApiRequest &request)
{
    bool ok = false;
    const qint64 number = request.param(u"n"_s).toLongLong(&ok);
    if (!ok || number < 1)
        throw AppError::validation(u"n"_s, u"must be a revision number (1 or more)"_s);
    return number;
}

ApiResponse jsonResponse(const QJsonValue &json, int status = 200)
{
    ApiResponse response;
    response.status = status;
    response.body = json.isArray() ? QJsonDocument(json.toArray()).toJson(QJsonDocument::Compact)
                                   : QJsonDocument(json.toObject()).toJson(QJsonDocument::Compact);
    return response;
}

AgentService::AgentDone answer(const Reply &reply, int status)
{
    return [reply, status](const AgentResult &result) {
        if (result.error)
            reply.fail(*result.error);
        else
            reply(agentResponse(result.agent, status));
    };
}
} // namespace

namespace AgentsController {
void registerRoutes(Router &router, Core &core)
{
    AgentService &agents = core.agents();
    const auto key = Router::Access::ApiKey;

    router.add("POST", u"/api/v1/agents"_s, key,
               [&agents](const ApiRequest &request, const Reply &reply) {
                   agents.create(configFrom(request), answer(reply, 201));
               });

    // Reads come from the cache of ready-made JSON; the few requests that arrive while it is
    // being filled at start wait for it. The store is read only if filling it failed.
    AgentReadCache &cache = core.agentCache();
    router.add("GET", u"/api/v1/agents"_s, key,
               [&agents, &cache](const ApiRequest &request, const Reply &reply) {
                   const qint64 limit =
                       request.queryInteger(u"limit"_s, -1, 0, std::numeric_limits<int>::max());
                   const qint64 offset =
                       request.queryInteger(u"offset"_s, 0, 0, std::numeric_limits<qint64>::max());
                   cache.whenReady(&cache, [&agents, &cache, reply, limit, offset](bool ready) {
                       ApiResponse response;
                       if (ready && cache.isComplete()) {
                           // Thousands of agents go out a piece at a time instead of as one huge
                           // buffer.
                           if (cache.pageLength(limit, offset) > 2000)
                               response.stream =
                                   std::make_shared<StreamedBody>(cache.pageStream(limit, offset));
                           else
                               response.body = cache.page(limit, offset);
                           response.setHeader("X-Total-Count", QByteArray::number(cache.count()));
                           reply(response);
                           return;
                       }
                       try {
                           QByteArray body = "[";
                           for (const Agent &agent : agents.list(limit, offset)) {
                               if (body.size() > 1)
                                   body += ',';
                               body += agent.toJsonBytes();
                           }
                           response.body = body + ']';
                           response.setHeader("X-Total-Count", QByteArray::number(agents.count()));
                           reply(response);
                       } catch (const AppError &error) {
                           reply.fail(error);
                       }
                   });
               });

    router.add("GET", u"/api/v1/agents/{agent_id}"_s, key,
               [&agents, &cache](const ApiRequest &request, const Reply &reply) {
                   const QString id = checkedAgentId(request);
                   cache.whenReady(&cache, [&agents, &cache, reply, id](bool ready) {
                       try {
                           if (!ready) {
                               reply(agentResponse(agents.get(id), 200));
                               return;
                           }
                           if (const AgentReadCache::Entry *entry = cache.find(id)) {
                               reply(agentResponse(entry->json, entry->version, 200));
                               return;
                           }
                           if (cache.isComplete())
                               throw AppError::notFound(u"Agent"_s, id);
                           // Not among the recently used ones the bounded cache keeps.
                           const Agent agent = agents.get(id);
                           cache.remember(agent);
                           reply(agentResponse(agent, 200));
                       } catch (const AppError &error) {
                           reply.fail(error);
                       }
                   });
               });

    router.add("PUT", u"/api/v1/agents/{agent_id}"_s, key,
               [&agents](const ApiRequest &request, const Reply &reply) {
                   const QString id = checkedAgentId(request);
                   agents.update(id, configFrom(request), request.expectedVersion(),
                                 answer(reply, 200));
               });

    router.addSync(
        "GET", u"/api/v1/agents/{agent_id}/revisions"_s, key, [&agents](const ApiRequest &request) {
            QJsonArray list;
            for (const AgentRevision &revision : agents.revisions(checkedAgentId(request)))
                list.append(revision.toJson(true));
            return jsonResponse(list);
        });
    router.addSync(
        "GET", u"/api/v1/agents/{agent_id}/revisions/{n}"_s, key,
        [&agents](const ApiRequest &request) {
            return jsonResponse(
                agents.revision(checkedAgentId(request), checkedRevision(request)).toJson());
        });
    router.add("POST", u"/api/v1/agents/{agent_id}/revisions/{n}/restore"_s, key,
               [&agents](const ApiRequest &request, const Reply &reply) {
                   agents.restore(checkedAgentId(request), checkedRevision(request),
                                  request.expectedVersion(), answer(reply, 200));
               });
    router.add("POST", u"/api/v1/agents/{agent_id}/duplicate"_s, key,
               [&agents](const ApiRequest &request, const Reply &reply) {
                   const QString id = checkedAgentId(request);
                   QString name;
                   if (!request.body.trimmed().isEmpty()) {
                       FieldErrors errors;
                       const QJsonObject body = request.jsonObject();
                       JsonFields::rejectUnknown(body, {u"name"_s}, errors);
                       name = JsonFields::string(body, u"name"_s, errors,
                                                 JsonFields::Presence::Optional);
                       errors.throwIfAny();
                   }
                   agents.duplicate(id, name, answer(reply, 201));
               });
    router.addSync("GET", u"/api/v1/agents/export"_s, key, [&agents](const ApiRequest &request) {
        QStringList ids;
        if (const std::optional<QString> wanted = request.queryString(u"ids"_s)) {
            for (const QString &id : wanted->split(u',', Qt::SkipEmptyParts)) {
                const QString problem = Rules::checkResourceId(id.trimmed());
                if (!problem.isEmpty())
                    throw AppError::validation(u"ids"_s, problem);
                ids << id.trimmed();
            }
        }
        return jsonResponse(agents.exportAgents(ids));
    });
    router.addSync("POST", u"/api/v1/agents/import"_s, key, [&agents](const ApiRequest &request) {
        return jsonResponse(agents.importAgents(request.jsonObject()));
    });

    router.add("DELETE", u"/api/v1/agents/{agent_id}"_s, key,
               [&agents](const ApiRequest &request, const Reply &reply) {
                   agents.remove(checkedAgentId(request),
                                 [reply](const std::optional<AppError> &error) {
                                     if (error)
                                         reply.fail(*error);
                                     else
                                         reply(ApiResponse::noContent());
                                 });
               });

    // A test call of the saved agent, for scripts that bring their own WebSocket client.
    TestCallService &testCalls = core.testCalls();
    router.add("POST", u"/api/v1/agents/{agent_id}/test-calls"_s, key,
               [&testCalls](const ApiRequest &request, const Reply &reply) {
                   const QString id = checkedAgentId(request);
                   FieldErrors errors;
                   const TestCallRequest test =
                       TestCallRequest::fromJson(request.jsonObject(), errors);
                   errors.throwIfAny();
                   testCalls.startSaved(id, test, [reply, test](const CallResult &result) {
                       if (result.error) {
                           reply.fail(*result.error);
                           return;
                       }
                       QJsonObject body = result.call.toJson();
                       body.insert(u"call_id"_s, result.call.id);
                       body.insert(u"medium"_s, ConsoleProtocol::mediumName(test.medium));
                       body.insert(u"input_sample_rate"_s, test.inputSampleRate);
                       body.insert(u"output_sample_rate"_s, test.outputSampleRate);
                       reply(ApiResponse::json(body, 201));
                   });
               });
}
} // namespace AgentsController
