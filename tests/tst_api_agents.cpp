// SPDX-License-Identifier: GPL-3.0-or-later
// The agents resource over real HTTP: create, list with limit/offset, get, update, delete, every
// validation rule through the API, concurrent creates, and persistence across a restart.
#include "AgentReadCache.h"
#include "AgentRepository.h"
#include "Core.h"
#include "ReadCache.h"
#include "ServerStack.h"
#include "Store.h"
#include "TestServer.h"
#include "Timestamps.h"

#include <QtTest>

using namespace Qt::StringLiterals;

namespace {
QString nameOf(const HttpResult &agent)
{
    return agent.object().value(u"config"_s).toObject().value(u"name"_s).toString();
}

QJsonObject validAgent(const QString &name = u"Support Agent"_s)
{
    return {{u"name"_s, name},
            {u"prompt"_s, u"You help {{customer_name}} with orders."_s},
            {u"voice"_s, u"default"_s},
            {u"language"_s, u"en-US"_s},
            {u"template_variables"_s, QJsonObject{{u"company_name"_s, u"Acme"_s}}}};
}

void expectErrorBody(const HttpResult &result, int status, const QString &error)
{
    QCOMPARE(result.status, status);
    const QJsonObject body = result.object();
    QCOMPARE(body.value(u"error"_s).toString(), error);
    QVERIFY(!body.value(u"message"_s).toString().isEmpty());
    QVERIFY(body.value(u"details"_s).isObject());
    QVERIFY(!body.value(u"timestamp"_s).toString().isEmpty());
    QCOMPARE(body.value(u"request_id"_s).toString().toLatin1(), result.header("X-Request-ID"));
}
} // namespace

class TestApiAgents : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY(m_server->start());
    }
    void cleanup() { m_server.reset(); }

    void createReturnsTheSpecShape()
    {
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, validAgent());
        QCOMPARE(created.status, 201);
        const QJsonObject agent = created.object();
        QVERIFY(agent.value(u"id"_s).toString().startsWith(u"agent_"_s));
        QCOMPARE(agent.value(u"status"_s).toString(), u"active"_s);
        const QJsonObject config = agent.value(u"config"_s).toObject();
        QCOMPARE(config.value(u"name"_s).toString(), u"Support Agent"_s);
        QCOMPARE(config.value(u"language"_s).toString(), u"en-US"_s);
        QCOMPARE(
            config.value(u"template_variables"_s).toObject().value(u"company_name"_s).toString(),
            u"Acme"_s);
        QVERIFY(agent.value(u"created_at"_s).toString().endsWith(u'Z'));
        QCOMPARE(agent.value(u"created_at"_s).toString().size(), 20); // 2024-01-01T12:00:00Z
    }

    void defaultsApplyWhenOptionalFieldsAreLeftOut()
    {
        const HttpResult created = m_server->post(
            u"/api/v1/agents"_s, {{u"name"_s, u"Minimal"_s}, {u"prompt"_s, u"Be brief."_s}});
        QCOMPARE(created.status, 201);
        const QJsonObject config = created.object().value(u"config"_s).toObject();
        QCOMPARE(config.value(u"voice"_s).toString(), u"default"_s);
        QCOMPARE(config.value(u"language"_s).toString(), u"en"_s);
        QCOMPARE(config.value(u"template_variables"_s).toObject(), QJsonObject());
    }

    void getUpdateDeleteRoundTrip()
    {
        const QString id =
            m_server->post(u"/api/v1/agents"_s, validAgent()).object().value(u"id"_s).toString();
        HttpResult got = m_server->get(u"/api/v1/agents/"_s + id);
        QCOMPARE(got.status, 200);
        QCOMPARE(got.object().value(u"id"_s).toString(), id);

        QJsonObject changed = validAgent(u"Renamed Agent"_s);
        changed.insert(u"template_variables"_s,
                       QJsonObject{{u"company_name"_s, u"Updated Acme"_s}});
        const HttpResult updated = m_server->put(u"/api/v1/agents/"_s + id, changed);
        QCOMPARE(updated.status, 200);
        QCOMPARE(updated.object().value(u"config"_s).toObject().value(u"name"_s).toString(),
                 u"Renamed Agent"_s);
        QVERIFY(updated.object().value(u"updated_at"_s).toString() >=
                got.object().value(u"updated_at"_s).toString());

        QCOMPARE(m_server->del(u"/api/v1/agents/"_s + id).status, 204);
        expectErrorBody(m_server->get(u"/api/v1/agents/"_s + id), 404, u"not_found"_s);
        expectErrorBody(m_server->del(u"/api/v1/agents/"_s + id), 404, u"not_found"_s);
        expectErrorBody(m_server->put(u"/api/v1/agents/"_s + id, validAgent()), 404,
                        u"not_found"_s);
    }

    void malformedAgentIdInThePathIsRefused()
    {
        expectErrorBody(m_server->get(u"/api/v1/agents/agent%20one"_s), 400, u"validation_error"_s);
    }

    void listPagesWithLimitAndOffset()
    {
        QStringList ids;
        for (int i = 0; i < 7; ++i)
            ids << m_server->post(u"/api/v1/agents"_s, validAgent(u"Agent %1"_s.arg(i)))
                       .object()
                       .value(u"id"_s)
                       .toString();
        const HttpResult all = m_server->get(u"/api/v1/agents"_s);
        QCOMPARE(all.status, 200);
        QCOMPARE(all.array().size(), 7);
        QCOMPARE(all.header("X-Total-Count"), QByteArray("7"));
        const HttpResult page = m_server->get(u"/api/v1/agents?limit=3&offset=2"_s);
        QCOMPARE(page.array().size(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(page.array().at(i).toObject().value(u"id"_s).toString(), ids.at(2 + i));
        QCOMPARE(m_server->get(u"/api/v1/agents?offset=6"_s).array().size(), 1);
        QCOMPARE(m_server->get(u"/api/v1/agents?limit=0"_s).array().size(), 0);
        QCOMPARE(m_server->get(u"/api/v1/agents?offset=50"_s).array().size(), 0);
    }

    void badPaginationParametersAreNamed_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("field");
        QTest::newRow("negative limit") << u"limit=-1"_s << u"limit"_s;
        QTest::newRow("text limit") << u"limit=ten"_s << u"limit"_s;
        QTest::newRow("negative offset") << u"offset=-5"_s << u"offset"_s;
        QTest::newRow("fraction offset") << u"offset=1.5"_s << u"offset"_s;
    }
    void badPaginationParametersAreNamed()
    {
        QFETCH(QString, query);
        QFETCH(QString, field);
        const HttpResult result = m_server->get(u"/api/v1/agents?"_s + query);
        expectErrorBody(result, 400, u"validation_error"_s);
        QVERIFY2(result.object().value(u"details"_s).toObject().contains(field),
                 result.body.constData());
    }

    // One row per rule, both sides of each boundary: what the API answers for a create.
    void validationThroughTheApi_data()
    {
        QTest::addColumn<QJsonObject>("changes");
        QTest::addColumn<QString>("badField"); // empty: the body is valid
        const QString name = u"name"_s;
        const QString prompt = u"prompt"_s;
        auto row = [](const char *label, QJsonObject changes, const QString &field) {
            QTest::newRow(label) << changes << field;
        };
        row("name 100 chars ok", {{name, QString(100, u'a')}}, {});
        row("name 101 chars", {{name, QString(101, u'a')}}, name);
        row("name 1 char ok", {{name, u"A"_s}}, {});
        row("name empty", {{name, u""_s}}, name);
        row("name whitespace only", {{name, u"   "_s}}, name);
        row("name with hyphen underscore space ok", {{name, u"Sales-Bot_2 EU"_s}}, {});
        row("name with @", {{name, u"sales@bot"_s}}, name);
        row("name with slash", {{name, u"a/b"_s}}, name);
        row("name not a string", {{name, 42}}, name);
        row("name missing", {{name, u"<absent>"_s}}, name);
        row("name null", {{name, QJsonValue::Null}}, name);
        row("prompt missing", {{prompt, u"<absent>"_s}}, prompt);
        row("prompt 10000 chars ok", {{prompt, QString(10000, u'p')}}, {});
        row("prompt 10001 chars", {{prompt, QString(10001, u'p')}}, prompt);
        row("prompt empty", {{prompt, u""_s}}, prompt);
        row("prompt whitespace only", {{prompt, u"\n\t "_s}}, prompt);
        row("prompt is an array", {{prompt, QJsonArray{u"x"_s}}}, prompt);
        row("language en ok", {{u"language"_s, u"en"_s}}, {});
        row("language en-US ok", {{u"language"_s, u"en-US"_s}}, {});
        row("language english", {{u"language"_s, u"english"_s}}, u"language"_s);
        row("language en_US", {{u"language"_s, u"en_US"_s}}, u"language"_s);
        row("language EN", {{u"language"_s, u"EN"_s}}, u"language"_s);
        row("language en-us", {{u"language"_s, u"en-us"_s}}, u"language"_s);
        row("voice empty", {{u"voice"_s, u""_s}}, u"voice"_s);
        row("voice number", {{u"voice"_s, 3}}, u"voice"_s);
        row("variables not an object", {{u"template_variables"_s, QJsonArray()}},
            u"template_variables"_s);
        row("variable key starts with digit",
            {{u"template_variables"_s, QJsonObject{{u"1st"_s, u"x"_s}}}},
            u"template_variables.1st"_s);
        row("variable key with dash",
            {{u"template_variables"_s, QJsonObject{{u"order-id"_s, u"x"_s}}}},
            u"template_variables.order-id"_s);
        row("variable key underscore start ok",
            {{u"template_variables"_s, QJsonObject{{u"_x"_s, u"x"_s}}}}, {});
        row("variable key 100 chars ok",
            {{u"template_variables"_s, QJsonObject{{QString(100, u'k'), u"x"_s}}}}, {});
        row("variable key 101 chars",
            {{u"template_variables"_s, QJsonObject{{QString(101, u'k'), u"x"_s}}}},
            u"template_variables."_s + QString(101, u'k'));
        for (const char *reserved : {"agent_id", "call_id", "timestamp", "system", "internal"})
            row(qPrintable(u"reserved key "_s + QString::fromLatin1(reserved)),
                {{u"template_variables"_s, QJsonObject{{QString::fromLatin1(reserved), u"x"_s}}}},
                u"template_variables."_s + QString::fromLatin1(reserved));
        row("variable value 1000 chars ok",
            {{u"template_variables"_s, QJsonObject{{u"v"_s, QString(1000, u'v')}}}}, {});
        row("variable value 1001 chars",
            {{u"template_variables"_s, QJsonObject{{u"v"_s, QString(1001, u'v')}}}},
            u"template_variables.v"_s);
        row("variable value not a string", {{u"template_variables"_s, QJsonObject{{u"v"_s, 12}}}},
            u"template_variables.v"_s);
        QJsonObject fifty, fiftyOne;
        for (int i = 0; i < 51; ++i) {
            if (i < 50)
                fifty.insert(u"k%1"_s.arg(i), u"v"_s);
            fiftyOne.insert(u"k%1"_s.arg(i), u"v"_s);
        }
        row("50 variables ok", {{u"template_variables"_s, fifty}}, {});
        row("51 variables", {{u"template_variables"_s, fiftyOne}}, u"template_variables"_s);
        row("unknown field", {{u"templateVariables"_s, QJsonObject()}}, u"templateVariables"_s);
    }
    void validationThroughTheApi()
    {
        QFETCH(QJsonObject, changes);
        QFETCH(QString, badField);
        QJsonObject body = validAgent();
        for (auto it = changes.constBegin(); it != changes.constEnd(); ++it) {
            if (it.value() == QJsonValue(u"<absent>"_s))
                body.remove(it.key());
            else
                body.insert(it.key(), it.value());
        }
        const HttpResult result = m_server->post(u"/api/v1/agents"_s, body);
        if (badField.isEmpty()) {
            QVERIFY2(result.status == 201, result.body.constData());
            return;
        }
        expectErrorBody(result, 400, u"validation_error"_s);
        QVERIFY2(result.object().value(u"details"_s).toObject().contains(badField),
                 result.body.constData());
        QCOMPARE(m_server->get(u"/api/v1/agents"_s).array().size(), 0); // nothing was stored
    }

    void invalidUpdateChangesNothing()
    {
        const QJsonObject created = m_server->post(u"/api/v1/agents"_s, validAgent()).object();
        const QString id = created.value(u"id"_s).toString();
        QJsonObject bad = validAgent();
        bad.insert(u"language"_s, u"klingon"_s);
        expectErrorBody(m_server->put(u"/api/v1/agents/"_s + id, bad), 400, u"validation_error"_s);
        QCOMPARE(m_server->get(u"/api/v1/agents/"_s + id).object(), created);
    }

    void staleUpdateIsRefusedWithTheCurrentRecord()
    {
        const QJsonObject created = m_server->post(u"/api/v1/agents"_s, validAgent()).object();
        const QString id = created.value(u"id"_s).toString();
        const QByteArray readVersion = QByteArray::number(created.value(u"version"_s).toInteger());
        const HttpResult first = m_server->request(
            "PUT", u"/api/v1/agents/"_s + id, QJsonDocument(validAgent(u"First Writer"_s)).toJson(),
            {{"If-Match", '"' + readVersion + '"'}});
        QCOMPARE(first.status, 200);
        const HttpResult second =
            m_server->request("PUT", u"/api/v1/agents/"_s + id,
                              QJsonDocument(validAgent(u"Second Writer"_s)).toJson(),
                              {{"If-Match", '"' + readVersion + '"'}});
        expectErrorBody(second, 409, u"conflict"_s);
        QCOMPARE(second.object()
                     .value(u"details"_s)
                     .toObject()
                     .value(u"current"_s)
                     .toObject()
                     .value(u"config"_s)
                     .toObject()
                     .value(u"name"_s)
                     .toString(),
                 u"First Writer"_s);
    }

    void fortyConcurrentCreatesAllLandOnce()
    {
        QNetworkAccessManager manager;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 40; ++i) {
            QNetworkRequest request(m_server->url(u"/api/v1/agents"_s));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            request.setRawHeader("X-API-Key", TestServer::ApiKey);
            replies << manager.post(request,
                                    QJsonDocument(validAgent(u"Concurrent %1"_s.arg(i))).toJson());
        }
        QVERIFY(waitUntil([&] {
            return std::all_of(replies.cbegin(), replies.cend(),
                               [](QNetworkReply *r) { return r->isFinished(); });
        }));
        QSet<QString> ids;
        for (QNetworkReply *reply : std::as_const(replies)) {
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
            const QJsonObject created = QJsonDocument::fromJson(reply->readAll()).object();
            QCOMPARE(created.value(u"status"_s).toString(), u"active"_s);
            ids.insert(created.value(u"id"_s).toString());
            reply->deleteLater();
        }
        QCOMPARE(ids.size(), 40);
        const QJsonArray stored = m_server->get(u"/api/v1/agents"_s).array();
        QCOMPARE(stored.size(), 40);
        QSet<QString> names;
        for (const QJsonValue &value : stored) {
            // Ultravox's answers are saved together under load: each one must have landed.
            const QJsonObject agent = value.toObject();
            names.insert(agent.value(u"config"_s).toObject().value(u"name"_s).toString());
            QCOMPARE(agent.value(u"status"_s).toString(), u"active"_s);
            QVERIFY(!agent.value(u"ultravox_agent_id"_s).toString().isEmpty());
        }
        QCOMPARE(names.size(), 40);
    }

    void agentsSurviveARestart()
    {
        const QJsonObject created = m_server->post(u"/api/v1/agents"_s, validAgent()).object();
        QVERIFY(m_server->restart());
        const HttpResult again =
            m_server->get(u"/api/v1/agents/"_s + created.value(u"id"_s).toString());
        QCOMPARE(again.status, 200);
        QCOMPARE(again.object(), created);
    }

    void largeListsAreStreamedWhole()
    {
        // 2,500 agents, put in the store before the server starts (so its cache loads them).
        QTemporaryDir dir;
        {
            Store store(StoreLocation::sqliteInDataDir(dir.path()));
            store.open();
            Store::Transaction transaction(store);
            for (int i = 0; i < 2500; ++i) {
                Agent agent;
                agent.id = u"agent_%1"_s.arg(i, 5, 10, QChar(u'0'));
                agent.config.name = u"Bulk %1"_s.arg(i);
                agent.config.prompt = u"Prompt with \"quotes\" and ünïcode %1"_s.arg(i);
                agent.status = AgentStatus::Active;
                agent.createdAt = agent.updatedAt = 1700000000000 + i;
                AgentRepository(store).insert(agent);
            }
            transaction.commit();
        }
        TestServerOptions options;
        options.dataDir = dir.path();
        TestServer server(options);
        QVERIFY(server.start());
        QVERIFY(waitUntil([&] { return server.core().agentCache().isReady(); }));
        const HttpResult all = server.get(u"/api/v1/agents"_s);
        QCOMPARE(all.status, 200);
        QCOMPARE(all.header("Content-Length").toLongLong(), all.body.size());
        const QJsonArray agents = all.array();
        QCOMPARE(agents.size(), 2500);
        QCOMPARE(agents.first().toObject().value(u"id"_s).toString(), u"agent_00000"_s);
        QCOMPARE(
            agents.last().toObject().value(u"config"_s).toObject().value(u"prompt"_s).toString(),
            u"Prompt with \"quotes\" and ünïcode 2499"_s);
        QCOMPARE(server.get(u"/api/v1/agents?offset=100&limit=2300"_s).array().size(), 2300);
        const HttpResult head = server.request("HEAD", u"/api/v1/agents"_s);
        QCOMPARE(head.header("Content-Length").toLongLong(), all.body.size());

        // A request pipelined behind the streamed one is answered after it, in order.
        const QByteArray key = TestServer::ApiKey;
        const QByteArray list =
            "GET /api/v1/agents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + key + "\r\n\r\n";
        const QByteArray health =
            "GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        const QByteArray answer = TestHttp::sendRaw(server.port(), list + health, 10000);
        const qsizetype end = answer.indexOf("]HTTP/1.1 200");
        QVERIFY2(end > 0, answer.right(300).constData());
        QVERIFY(answer.mid(end).contains("\"status\""));
    }

    void theAgentCacheKeepsToItsBoundAndReadsTheRestFromTheStore()
    {
        qputenv("SWITCHBOARD_AGENT_CACHE_MB", "0.004"); // about 4 KB: a handful of agents
        TestServer server;
        QVERIFY(server.start());
        qunsetenv("SWITCHBOARD_AGENT_CACHE_MB");
        AgentReadCache &cache = server.core().agentCache();
        QTRY_VERIFY(cache.isReady());
        QVERIFY(cache.isComplete()); // nothing stored yet: everything fits
        QStringList ids;
        for (int i = 0; i < 20; ++i) {
            QJsonObject body = validAgent(u"Bounded %1"_s.arg(i));
            body.insert(u"prompt"_s, QString(300, u'p'));
            const HttpResult created = server.post(u"/api/v1/agents"_s, body);
            QCOMPARE(created.status, 201);
            ids << created.object().value(u"id"_s).toString();
        }
        QVERIFY(!cache.isComplete());
        QVERIFY2(cache.bytes() <= cache.maxBytes(), qPrintable(QString::number(cache.bytes())));
        QVERIFY(cache.heldCount() > 0 && cache.heldCount() < 20);
        QVERIFY(cache.evictions() > 0);

        // Every agent reads right, held or not; reading them in order leaves the first evicted.
        for (int i = 0; i < ids.size(); ++i) {
            const HttpResult read = server.get(u"/api/v1/agents/"_s + ids.at(i));
            QCOMPARE(read.status, 200);
            QCOMPARE(nameOf(read), u"Bounded %1"_s.arg(i));
        }
        QVERIFY(cache.bytes() <= cache.maxBytes());
        // Changed in the database behind the cache's back: an evicted agent comes from the store.
        AgentRepository repository(server.stack().store());
        Agent first = *repository.find(ids.first());
        first.config.name = u"Changed in the store"_s;
        QVERIFY(repository.update(first));
        QCOMPARE(nameOf(server.get(u"/api/v1/agents/"_s + ids.first())), u"Changed in the store"_s);
        // Changes through the API show at once, and lists come whole from the store.
        QJsonObject renamed = validAgent(u"Renamed"_s);
        QCOMPARE(server.put(u"/api/v1/agents/"_s + ids.at(3), renamed).status, 200);
        QCOMPARE(nameOf(server.get(u"/api/v1/agents/"_s + ids.at(3))), u"Renamed"_s);
        const HttpResult list = server.get(u"/api/v1/agents"_s);
        QCOMPARE(list.array().size(), 20);
        QCOMPARE(list.header("X-Total-Count"), QByteArray("20"));
        QCOMPARE(server.get(u"/api/v1/agents?limit=2&offset=18"_s).array().size(), 2);
        QCOMPARE(server.del(u"/api/v1/agents/"_s + ids.at(19)).status, 204);
        QCOMPARE(server.get(u"/api/v1/agents/"_s + ids.at(19)).status, 404);
        QCOMPARE(server.get(u"/api/v1/agents/agent_nonexistent0000"_s).status, 404);
    }

    // Team mode's outage cache keeps to its bound too, and once it had to forget an agent it no
    // longer claims that an agent it does not hold does not exist.
    void theTeamReadCacheKeepsToItsBoundAndStopsClaimingToKnowEveryAgent()
    {
        TestServer server;
        QVERIFY(server.start());
        Core &core = server.core();
        ReadCache cache(core.agents(), core.calls(), core.companies(), core.events(), nullptr,
                        6000);
        cache.load(core.store());
        QVERIFY(cache.holdsEveryAgent());
        QStringList ids;
        for (int i = 0; i < 12; ++i) {
            QJsonObject body = validAgent(u"Outage %1"_s.arg(i));
            body.insert(u"prompt"_s, QString(400, u'p'));
            const HttpResult created = server.post(u"/api/v1/agents"_s, body);
            QCOMPARE(created.status, 201);
            ids << created.object().value(u"id"_s).toString();
        }
        QVERIFY(!cache.holdsEveryAgent());
        QVERIFY2(cache.bytes() <= 6000, qPrintable(QString::number(cache.bytes())));
        QVERIFY(cache.agentCount() > 0 && cache.agentCount() < 12);
        // The most recently changed stay, the oldest went first.
        QVERIFY(cache.agent(ids.last()).has_value());
        QVERIFY(!cache.agent(ids.first()).has_value());

        // A fresh load of more than fits says the same; of what fits, that it holds all.
        ReadCache reloaded(core.agents(), core.calls(), core.companies(), core.events(), nullptr,
                           6000);
        reloaded.load(core.store());
        QVERIFY(!reloaded.holdsEveryAgent());
        ReadCache roomy(core.agents(), core.calls(), core.companies(), core.events());
        roomy.load(core.store());
        QVERIFY(roomy.holdsEveryAgent());
        QCOMPARE(roomy.agentCount(), 12);
    }

    void aCreationInterruptedByAStopShowsAsAnErrorToRetry()
    {
        // A process stopped between saving the agent and saving Ultravox's answer.
        QTemporaryDir dir;
        {
            Store store(StoreLocation::sqliteInDataDir(dir.path()));
            store.open();
            Agent agent;
            agent.id = u"agent_halfmade"_s;
            agent.config.name = u"Half Made"_s;
            agent.config.prompt = u"You help."_s;
            agent.status = AgentStatus::Creating;
            agent.createdAt = agent.updatedAt = Timestamps::nowMs() - 1000;
            AgentRepository(store).insert(agent);
        }
        TestServerOptions options;
        options.dataDir = dir.path();
        TestServer server(options);
        QVERIFY(server.start());
        // The repair is saved while the read cache is still loading: answers must show it.
        QJsonObject agent;
        QVERIFY(waitUntil([&] {
            agent = server.get(u"/api/v1/agents/agent_halfmade"_s).object();
            return agent.value(u"status"_s).toString() == u"error"_s;
        }));
        QVERIFY2(agent.value(u"status_reason"_s).toString().contains(u"stopped before"_s),
                 qPrintable(agent.value(u"status_reason"_s).toString()));
        QVERIFY(!agent.contains(u"ultravox_agent_id"_s));

        // Saving it again (as Retry does) creates it on Ultravox.
        const HttpResult saved =
            server.put(u"/api/v1/agents/agent_halfmade"_s,
                       QJsonObject{{u"name"_s, u"Half Made"_s}, {u"prompt"_s, u"You help."_s}});
        QCOMPARE(saved.status, 200);
        QCOMPARE(saved.object().value(u"status"_s).toString(), u"active"_s);
        QVERIFY(!saved.object().value(u"ultravox_agent_id"_s).toString().isEmpty());
    }

    void sandboxRefusalKeepsTheAgentInErrorAndNamesTheProvider()
    {
        const HttpResult refused =
            m_server->post(u"/api/v1/agents"_s, validAgent(u"Demo sandbox-reject"_s));
        expectErrorBody(refused, 502, u"provider_error"_s);
        const QJsonObject details = refused.object().value(u"details"_s).toObject();
        const QString id = details.value(u"agent_id"_s).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(details.value(u"provider"_s).toObject().value(u"provider"_s).toString(),
                 u"ultravox"_s);
        const QJsonObject kept = m_server->get(u"/api/v1/agents/"_s + id).object();
        QCOMPARE(kept.value(u"status"_s).toString(), u"error"_s);
        QVERIFY(kept.value(u"status_reason"_s).toString().contains(u"Ultravox"_s));
        QCOMPARE(kept.value(u"config"_s).toObject().value(u"name"_s).toString(),
                 u"Demo sandbox-reject"_s);

        const HttpResult call =
            m_server->post(u"/api/v1/calls/"_s + id, {{u"phone_number"_s, u"+14155550123"_s}});
        expectErrorBody(call, 409, u"conflict"_s);
        QVERIFY(call.object().value(u"message"_s).toString().contains(u"Ultravox"_s));

        // Fixing the name syncs it again.
        const HttpResult fixed =
            m_server->put(u"/api/v1/agents/"_s + id, validAgent(u"Demo fixed"_s));
        QCOMPARE(fixed.status, 200);
        QCOMPARE(fixed.object().value(u"status"_s).toString(), u"active"_s);
    }

private:
    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TestApiAgents)
#include "tst_api_agents.moc"
