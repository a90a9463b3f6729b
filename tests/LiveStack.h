// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FakeTwilio.h"
#include "FakeUltravox.h"
#include "HttpProviderFactory.h"
#include "ProviderTestUtil.h"

#include <QtTest>

#include <memory>

// The REST server with the real Ultravox and Twilio clients pointed at fake providers, for test
// classes to inherit next to QObject: startStack() in init(), stopStack() in cleanup() (which
// fails the test on anything the fakes flagged), and the steps the tests share.
class LiveStack
{
protected:
    static inline const QString Customer = QStringLiteral("+15551230000");

    std::unique_ptr<FakeUltravox> m_ultravox;
    std::unique_ptr<FakeTwilio> m_twilio;
    std::unique_ptr<TestServer> m_server;

    static QJsonObject agentBody(const QString &name = QStringLiteral("Support Agent"))
    {
        using namespace Qt::StringLiterals;
        return {{u"name"_s, name},
                {u"prompt"_s, u"You help {{customer_name}} for {{company_name}}."_s},
                {u"voice"_s, u"default"_s},
                {u"language"_s, u"en-US"_s},
                {u"template_variables"_s, QJsonObject{{u"company_name"_s, u"Acme"_s}}}};
    }

    static QJsonObject callBody(const QString &number = Customer)
    {
        using namespace Qt::StringLiterals;
        return {{u"phone_number"_s, number},
                {u"template_context"_s, QJsonObject{{u"customer_name"_s, u"Ada"_s}}}};
    }

    static ScriptedFailure failure(ScriptedFailure::Kind kind, const QByteArray &method,
                                   const QString &path, int status = 500,
                                   const QByteArray &body = {}, int retryAfter = -1, int times = 1)
    {
        return {kind, method, QRegularExpression(path), status, body, retryAfter, times};
    }

    // The server's options with both providers pointed at the fakes.
    TestServerOptions liveOptions() const
    {
        TestServerOptions options;
        options.defaults.ultravox = m_ultravox->credentials();
        options.defaults.twilio = m_twilio->credentials();
        options.defaults.fromNumber = QString::fromLatin1(FakeTwilio::FromNumber);
        options.providers = [] {
            HttpClientOptions client;
            client.timeoutMs = 500;
            client.reads.firstBackoffMs = 20;
            client.reads.maxBackoffMs = 100;
            client.reads.maxRetryAfterMs = 1000;
            return std::make_unique<HttpProviderFactory>(client);
        };
        return options;
    }

    void startStack()
    {
        m_ultravox = std::make_unique<FakeUltravox>();
        m_twilio = std::make_unique<FakeTwilio>();
        QVERIFY(m_ultravox->start());
        QVERIFY(m_twilio->start());
        m_twilio->acceptJoinUrlsFrom(m_ultravox.get());
        m_server = std::make_unique<TestServer>(liveOptions());
        QVERIFY(m_server->start());
    }

    void stopStack()
    {
        m_server.reset();
        const QStringList violations = m_ultravox->violations() + m_twilio->violations();
        m_ultravox.reset();
        m_twilio.reset();
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));
    }

    QString createAgent(const QJsonObject &body = agentBody())
    {
        using namespace Qt::StringLiterals;
        const HttpResult created = m_server->post(u"/api/v1/agents"_s, body);
        if (created.status != 201)
            qWarning("agent not created: %d %s", created.status, created.body.constData());
        return created.object().value(u"id"_s).toString();
    }

    QJsonObject call(const QString &id)
    {
        return m_server->get(QStringLiteral("/api/v1/calls/") + id).object();
    }

    // What a call record says of Ultravox's side of the call (call_id, end_reason).
    static QJsonObject ultravoxSide(const QJsonObject &call)
    {
        return call.value(QStringLiteral("providers"))
            .toObject()
            .value(QStringLiteral("ultravox"))
            .toObject();
    }

    QJsonObject transcript(const QString &id)
    {
        return m_server->get(QStringLiteral("/api/v1/calls/%1/transcript").arg(id)).object();
    }

    // Waits until the monitor has followed the call to its end and read its transcript.
    QJsonObject finishedCall(const QString &id)
    {
        using namespace Qt::StringLiterals;
        waitUntil([&] { return transcript(id).value(u"complete"_s).toBool(); }, 10000);
        return call(id);
    }

    QStringList eventTypes(const QString &callSidOrId)
    {
        using namespace Qt::StringLiterals;
        QStringList types;
        const QJsonArray events = m_server->get(u"/api/v1/metrics/events?limit=200"_s)
                                      .object()
                                      .value(u"events"_s)
                                      .toArray();
        for (qsizetype i = events.size() - 1; i >= 0; --i) {
            const QJsonObject event = events.at(i).toObject();
            if (event.value(u"call_sid"_s).toString() == callSidOrId)
                types << event.value(u"type"_s).toString();
        }
        return types;
    }

    // The spec's error body naming the provider, its status and code.
    static void expectProviderError(const HttpResult &result, int status, const QString &error,
                                    const QString &provider, int providerStatus,
                                    const QString &code = {})
    {
        using namespace Qt::StringLiterals;
        QVERIFY2(result.status == status, result.body.constData());
        const QJsonObject body = result.object();
        QCOMPARE(body.value(u"error"_s).toString(), error);
        const QString message = body.value(u"message"_s).toString();
        QVERIFY2(message.contains(provider == u"twilio"_s ? u"Twilio"_s : u"Ultravox"_s),
                 qPrintable(message));
        QVERIFY(!body.value(u"request_id"_s).toString().isEmpty());
        const QJsonObject details = body.value(u"details"_s).toObject();
        const QJsonObject said = details.value(u"provider"_s).toObject();
        QCOMPARE(said.value(u"provider"_s).toString(), provider);
        QCOMPARE(said.value(u"http_status"_s).toInt(), providerStatus);
        if (!code.isEmpty())
            QCOMPARE(said.value(u"code"_s).toString(), code);
    }
};
