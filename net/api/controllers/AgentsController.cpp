// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentsController.h"

#include "Core.h"
#include "Router.h"
#include "Validation.h"

#include <QJsonArray>

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

ApiResponse agentResponse(const Agent &agent, int status)
{
    ApiResponse response = ApiResponse::json(agent.toJson(), status);
    response.setHeader("ETag", '"' + QByteArray::number(agent.version) + '"');
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

    router.addSync("GET", u"/api/v1/agents"_s, key, [&agents](const ApiRequest &request) {
        const qint64 limit =
            request.queryInteger(u"limit"_s, -1, 0, std::numeric_limits<int>::max());
        const qint64 offset =
            request.queryInteger(u"offset"_s, 0, 0, std::numeric_limits<qint64>::max());
        QJsonArray list;
        for (const Agent &agent : agents.list(limit, offset))
            list.append(agent.toJson());
        ApiResponse response = ApiResponse::json(list);
        response.setHeader("X-Total-Count", QByteArray::number(agents.count()));
        return response;
    });

    router.addSync("GET", u"/api/v1/agents/{agent_id}"_s, key,
                   [&agents](const ApiRequest &request) {
                       return agentResponse(agents.get(checkedAgentId(request)), 200);
                   });

    router.add("PUT", u"/api/v1/agents/{agent_id}"_s, key,
               [&agents](const ApiRequest &request, const Reply &reply) {
                   const QString id = checkedAgentId(request);
                   agents.update(id, configFrom(request), request.expectedVersion(),
                                 answer(reply, 200));
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
}
} // namespace AgentsController
