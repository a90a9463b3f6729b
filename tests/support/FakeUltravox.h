// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FakeHttpServer.h"
#include "FakeUltravoxSocket.h"
#include "ProviderTypes.h"

#include <QHash>

class FakeStorage;

// Ultravox's REST API on loopback, checked against schemas/ultravox-subset.json: agents, calls
// (agent and ad-hoc), the paginated transcript, voices and the account. Scripted failures come
// from FakeHttpServer::script().
class FakeUltravox : public FakeHttpServer
{
    Q_OBJECT
public:
    static constexpr const char *ApiKey = "uvk_fake_0123456789abcdefghij";

    struct Line
    {
        QString role; // MESSAGE_ROLE_...
        QString text;
    };

    explicit FakeUltravox(QObject *parent = nullptr);

    bool schemaLoaded() const { return m_schema.isValid(); }
    QUrl baseUrl() const; // http://127.0.0.1:PORT/api/
    UltravoxCredentials credentials() const;

    // Appended to every join URL from now on (tests of XML escaping put & and " here).
    void setJoinUrlSuffix(const QString &suffix) { m_joinUrlSuffix = suffix; }
    // The conversation of calls created from now on, and the page size the service uses when
    // the client names none.
    void setTranscript(const QList<Line> &lines) { m_transcript = lines; }
    void setPageSize(int size) { m_pageSize = size; }
    void setEndReason(const QString &reason) { m_endReason = reason; }
    // Whether a call ends when it is first asked about (the default) or stays without `ended`
    // until this is set again: Ultravox may finish a conversation after the phone leg is over.
    void setCallsEnd(bool end) { m_callsEnd = end; }
    // An agent deleted on Ultravox's side (its console, another tool): its id answers 404.
    void removeAgent(const QString &agentId) { m_agents.remove(agentId); }

    // Calls created from now on record (recordingEnabled) and serve this audio as their
    // recording, directly or as a redirect to `storage` (which must not see the API key).
    void setRecordingAudio(const QByteArray &wav, FakeStorage *storage = nullptr)
    {
        m_recording = wav;
        m_storage = storage;
    }
    // Billing: how many GETs of an ended call still say BILLING_STATUS_PENDING (a late cost).
    void setBillingDelay(int gets) { m_billingDelay = gets; }
    // Messages of calls created from now on appear one per GET of the call's messages, as
    // they would while the call goes on (a growing transcript).
    void setGrowingTranscript(bool growing) { m_growing = growing; }

    bool issuedJoinUrl(const QString &url) const;
    QJsonObject agent(const QString &agentId) const { return m_agents.value(agentId); }
    int agentCount() const { return int(m_agents.size()); }
    int callCount() const { return int(m_calls.size()); }
    QList<Line> defaultTranscript() const;
    // Where calls with the serverWebSocket medium are joined (their joinUrl is a ws:// URL on
    // this fake socket).
    FakeUltravoxSocket &socket() { return m_socket; }
    // The body of the last call created (to check what a client asked for).
    QJsonObject lastCallBody() const { return m_lastCallBody; }

protected:
    std::optional<FakeResponse> check(const RecordedRequest &request) override;
    FakeResponse respond(const RecordedRequest &request) override;
    QByteArray errorBody(int status, const QString &message) const override;

private:
    struct Route
    {
        QString pathTemplate; // as in the schema: "/api/agents/{agent_id}"
        QString id;           // the path parameter, if any
    };
    struct Call
    {
        QJsonObject json;
        QList<Line> transcript;
        int billingGets = 0;
        int revealed = -1; // growing transcripts: messages shown so far (-1: all)
    };
    std::optional<Route> route(const QString &path) const;
    FakeResponse refuse(int status, const QString &field, const QString &message);
    QJsonObject agentJson(const QString &id, const QJsonObject &stored) const;
    static std::optional<QString> callTemplateProblem(const QJsonObject &callTemplate);
    FakeResponse startCall(const RecordedRequest &request, const QJsonObject &agent);
    FakeResponse page(const RecordedRequest &request, const QJsonArray &items, int status = 200);

    ApiSchema m_schema;
    QHash<QString, QJsonObject> m_agents; // id -> {name, callTemplate, created}
    QHash<QString, Call> m_calls;
    QSet<QString> m_joinUrls;
    QString m_joinUrlSuffix;
    QList<Line> m_transcript;
    int m_pageSize = 2;
    QString m_endReason = QStringLiteral("hangup");
    bool m_callsEnd = true;
    QByteArray m_recording;
    FakeStorage *m_storage = nullptr;
    int m_billingDelay = 0;
    bool m_growing = false;
    FakeUltravoxSocket m_socket;
    QJsonObject m_lastCallBody;
};

// Storage elsewhere that Ultravox redirects a recording to: answers GET /recordings/NAME with
// the audio put there, and counts a request carrying X-API-Key as a violation (the key must
// never leave Ultravox's host).
class FakeStorage : public FakeHttpServer
{
    Q_OBJECT
public:
    explicit FakeStorage(QObject *parent = nullptr);
    QString put(const QString &name, const QByteArray &audio); // the object's URL

protected:
    std::optional<FakeResponse> check(const RecordedRequest &request) override;
    FakeResponse respond(const RecordedRequest &request) override;
    QByteArray errorBody(int status, const QString &message) const override;

private:
    QHash<QString, QByteArray> m_objects;
};
