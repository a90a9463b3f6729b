// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the provider client suites: a fresh fake Ultravox and Twilio for every test, the
// real clients pointed at them with short timeouts, and a check after each test that the fakes
// saw no request the real services would refuse.
#pragma once

#include "FakeTwilio.h"
#include "FakeUltravox.h"
#include "HttpProviderFactory.h"
#include "ProviderTestUtil.h"
#include "TwilioClient.h"
#include "UltravoxCallTemplate.h"
#include "UltravoxClient.h"

using namespace Qt::StringLiterals;

class ProviderClientFixture : public QObject
{
    Q_OBJECT

protected:
    static HttpClientOptions fastOptions()
    {
        HttpClientOptions options;
        options.timeoutMs = 400;
        options.reads.maxAttempts = 3;
        options.reads.firstBackoffMs = 20;
        options.reads.maxBackoffMs = 100;
        options.reads.maxRetryAfterMs = 1500;
        return options;
    }

    static RemoteAgentSpec spec(const QString &name, const QString &voice = {})
    {
        AgentConfig config;
        config.name = name;
        config.prompt = u"You help {{customer_name}}."_s;
        config.voice = voice.isEmpty() ? u"default"_s : voice;
        config.language = u"en-US"_s;
        return {name, UltravoxCallTemplate::fromAgentConfig(config)};
    }

    std::unique_ptr<FakeUltravox> m_ultravoxServer;
    std::unique_ptr<FakeTwilio> m_twilioServer;
    std::unique_ptr<HttpProviderFactory> m_factory;
    std::shared_ptr<UltravoxProvider> m_ultravox;
    std::shared_ptr<TwilioProvider> m_twilio;

    template<typename T>
    Outcome<T> run(const std::function<void(QObject *, Callback<T>)> &start)
    {
        std::optional<Outcome<T>> outcome = awaitOutcome<T>(start);
        if (!outcome) {
            ProviderError none;
            none.message = u"no callback"_s;
            return none;
        }
        return *outcome;
    }

    Outcome<RemoteAgent> createAgent(const RemoteAgentSpec &agent)
    {
        return run<RemoteAgent>([&](QObject *context, Callback<RemoteAgent> done) {
            m_ultravox->createAgent(agent, context, done);
        });
    }

    Outcome<TwilioCall> placeCall(const QString &joinUrl, const QString &to = u"+15551230000"_s)
    {
        return run<TwilioCall>([&](QObject *context, Callback<TwilioCall> done) {
            m_twilio->placeCall(
                {to, QString::fromLatin1(FakeTwilio::FromNumber), streamTwiml(joinUrl), {}},
                context, done);
        });
    }

    Outcome<UltravoxCall> startCall(const QString &agentId)
    {
        return run<UltravoxCall>([&](QObject *context, Callback<UltravoxCall> done) {
            m_ultravox->startAgentCall(agentId, {{u"customer_name"_s, u"Ada"_s}}, context, done);
        });
    }

    Outcome<UltravoxAccount> checkUltravox()
    {
        return run<UltravoxAccount>([&](QObject *context, Callback<UltravoxAccount> done) {
            m_ultravox->checkAccount(context, done);
        });
    }

    // QTest finds these through the meta-object of the suite that inherits them.
private Q_SLOTS:
    void init()
    {
        m_ultravoxServer = std::make_unique<FakeUltravox>();
        m_twilioServer = std::make_unique<FakeTwilio>();
        QVERIFY(m_ultravoxServer->schemaLoaded());
        QVERIFY(m_twilioServer->schemaLoaded());
        QVERIFY(m_ultravoxServer->start());
        QVERIFY(m_twilioServer->start());
        m_twilioServer->acceptJoinUrlsFrom(m_ultravoxServer.get());
        m_factory = std::make_unique<HttpProviderFactory>(fastOptions());
        m_ultravox = m_factory->ultravox(m_ultravoxServer->credentials());
        m_twilio = m_factory->twilio(m_twilioServer->credentials());
    }

    void cleanup()
    {
        const QStringList violations =
            m_ultravoxServer->violations() + m_twilioServer->violations();
        m_ultravox.reset();
        m_twilio.reset();
        m_factory.reset();
        m_ultravoxServer.reset();
        m_twilioServer.reset();
        QVERIFY2(violations.isEmpty(), qPrintable(violations.join(u'\n')));
    }
};
