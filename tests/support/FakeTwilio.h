// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "FakeHttpServer.h"
#include "ProviderTypes.h"

#include <QHash>

class FakeUltravox;

// Twilio's 2010-04-01 API for accounts, calls and incoming numbers on loopback, checked against
// schemas/twilio-subset.json. Each call follows a timeline: every GET of it reports the next
// status, so a monitor that polls sees queued -> ringing -> in-progress -> completed in order.
class FakeTwilio : public FakeHttpServer
{
    Q_OBJECT
public:
    static constexpr const char *AccountSid = "AC0123456789abcdef0123456789abcdef";
    static constexpr const char *AuthToken = "fake-auth-token-0123456789abcdef";
    static constexpr const char *FromNumber = "+14155550100";

    explicit FakeTwilio(QObject *parent = nullptr);

    bool schemaLoaded() const { return m_schema.isValid(); }
    QUrl baseUrl() const; // http://127.0.0.1:PORT/
    TwilioCredentials credentials() const;

    // Another account (a company's) with its own token and numbers.
    void addAccount(const QString &sid, const QString &token, const QStringList &numbers);
    // Statuses successive GETs report for calls to `to` placed from now on (after "queued").
    void setTimeline(const QString &to, const QStringList &statuses);
    void setDefaultTimeline(const QStringList &statuses) { m_defaultTimeline = statuses; }
    // Stream URLs in TwiML must be join URLs that this Ultravox issued.
    void acceptJoinUrlsFrom(const FakeUltravox *ultravox) { m_ultravox = ultravox; }
    void setNumbersPageSize(int size) { m_numbersPageSize = size; }
    // What answered_by says for calls to `to` placed with MachineDetection (default "human").
    void setAnsweredBy(const QString &to, const QString &answeredBy)
    {
        m_answeredBy.insert(to, answeredBy);
    }
    // How many GETs of an ended call still report no price (a late price; default 0).
    void setPriceDelay(int gets) { m_priceDelay = gets; }

    QStringList callSids() const { return m_order; }
    // The To number of every call placed, in order (campaign tests: nobody twice).
    QStringList dialedNumbers() const;
    // The most calls that were placed and not yet ended (as the fake last reported them) at
    // the moment another was placed, this one included.
    int peakConcurrentCalls() const { return m_peakConcurrent; }
    // A call Twilio has without anyone here having placed it through this fake's API, as when
    // the program stopped before reading Twilio's answer. Returns its SID.
    QString addCallPlacedElsewhere(const QString &to, const QString &from, qint64 createdMs);
    QJsonObject call(const QString &sid) const;
    QString streamUrl(const QString &sid) const { return m_calls.value(sid).streamUrl; }

protected:
    std::optional<FakeResponse> check(const RecordedRequest &request) override;
    FakeResponse respond(const RecordedRequest &request) override;
    QByteArray errorBody(int status, const QString &message) const override;

private:
    struct Account
    {
        QString token;
        QStringList numbers;
    };
    struct Call
    {
        QJsonObject json;
        QStringList timeline;
        int step = 0;
        bool answered = false;
        QString streamUrl;
        QString machineDetection; // as sent when the call was placed
        QString answeredBy;       // what detection will report
        int unpricedGets = 0;     // GETs left before the price appears
    };
    struct Route
    {
        QString pathTemplate;
        QString accountSid;
        QString sid;
    };
    std::optional<Route> route(const QString &path) const;
    FakeResponse twilioError(int status, int code, const QString &message) const;
    FakeResponse refuse(int status, int code, const QString &message);
    std::optional<FakeResponse> checkCallCreation(const QString &accountSid,
                                                  const QMultiMap<QString, QString> &form);
    void setStatus(Call &call, const QString &status);
    void priceIfDue(Call &call);
    Call newCall(const QString &accountSid, const QString &to, const QString &from, qint64 now);
    FakeResponse callList(const QString &accountSid, const QUrlQuery &query) const;
    QString authenticatedSid(const RecordedRequest &request) const;

    ApiSchema m_schema;
    QHash<QString, Account> m_accounts;
    QHash<QString, QStringList> m_timelines;
    QStringList m_defaultTimeline{QStringLiteral("ringing"), QStringLiteral("in-progress"),
                                  QStringLiteral("completed")};
    QHash<QString, Call> m_calls;
    QStringList m_order;
    const FakeUltravox *m_ultravox = nullptr;
    int m_numbersPageSize = 1;
    QHash<QString, QString> m_answeredBy;
    int m_priceDelay = 0;
    int m_peakConcurrent = 0;
};
