// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "AgentService.h"
#include "BridgeReply.h"
#include "CallService.h"
#include "CampaignService.h"
#include "CompanyService.h"
#include "Event.h"
#include "HealthService.h"
#include "ProviderHub.h"
#include "ProviderTypes.h"
#include "RequestMetrics.h"
#include "TeamKeyService.h"
#include "TestCallService.h"

#include <QCoreApplication>
#include <QObject>
#include <QReadWriteLock>

#include <functional>
#include <memory>
#include <optional>
#include <variant>

class ServerStack;
class Store;
struct ApiServerOptions;

// The window's way to the services, which live on the core thread. Actions (anything that writes
// or talks to a provider) run there and answer on the GUI thread; reads come straight from the
// store through this thread's own connection. The services' signals arrive here, on the GUI
// thread, whoever caused the change: the window, a script through the REST API, or another
// instance sharing the database.
class CoreBridge : public QObject
{
    Q_OBJECT
public:
    // Every answer names the object that asked, replyTo(this, ...): see BridgeReply.
    template<typename T>
    using Done = BridgeReply<T>;
    using ErrorDone = Done<std::optional<AppError>>;
    using CompanyDone = Done<std::variant<CompanyResult, AppError>>;

    explicit CoreBridge(ServerStack &stack, QObject *parent = nullptr);
    ~CoreBridge() override; // closes this thread's connection to the store

    Store &store();
    bool isSandbox() const;

    void createAgent(const AgentConfig &config, Done<AgentResult> done);
    void updateAgent(const QString &id, const AgentConfig &config,
                     std::optional<qint64> expectedVersion, Done<AgentResult> done);
    void retryAgent(const QString &id, Done<AgentResult> done);
    void restoreAgentRevision(const QString &id, qint64 number,
                              std::optional<qint64> expectedVersion, Done<AgentResult> done);
    void duplicateAgent(const QString &id, const QString &name, Done<AgentResult> done);
    // The report of AgentService::importAgents, or why the file was refused as a whole.
    void importAgents(const QJsonObject &document, Done<std::variant<QJsonObject, AppError>> done);
    void deleteAgent(const QString &id, ErrorDone done);
    void listVoices(Done<Outcome<QList<Voice>>> done);

    void placeCall(const CallRequest &request, Done<CallResult> done);
    void hangUp(const QString &callId, Done<CallResult> done);
    // The file of a call's recording (fetched first when another team member stored it), or
    // why there is none; deleting it.
    void recordingFile(const QString &callId, Done<std::variant<QString, AppError>> done);
    void deleteRecording(const QString &callId, ErrorDone done);
    // Test calls of the console: the agent as it is in the form (`agentId` empty if unsaved).
    void startTestCall(const QString &agentId, const AgentConfig &config,
                       const TestCallRequest &request, Done<CallResult> done);
    void finishTestCall(const QString &callId, const QList<TranscriptMessage> &transcript,
                        const QString &endReason, Done<CallResult> done);
    void removeTestCall(const QString &callId, ErrorDone done);

    // Campaigns, through the service the REST API uses. Start, pause, resume and cancel also
    // start a dispatcher round at once, as the API does.
    using CampaignDone = Done<std::variant<Campaign, AppError>>;
    enum class CampaignAction { Start, Pause, Resume, Cancel };
    void createCampaign(const QJsonObject &json, CampaignDone done);
    void updateCampaign(const QString &id, const QJsonObject &json,
                        std::optional<qint64> expectedVersion, CampaignDone done);
    void runCampaignAction(const QString &id, CampaignAction action, CampaignDone done);
    void deleteCampaign(const QString &id, ErrorDone done);
    // Recipients whose last call's fate is unknown (lost to a crash) are dialed again: how many.
    void retryUnknownRecipients(const QString &id, Done<std::variant<int, AppError>> done);
    // A recipient list read on the core thread (CSV with `phoneColumn`, or JSON when `json`),
    // then stored; whole-file problems come back as the error.
    struct ListFile
    {
        QByteArray data;
        bool json = false;
        QString phoneColumn;
        QString defaultRegion;
    };
    using ImportDone = Done<std::variant<CampaignService::ImportResult, AppError>>;
    void importRecipients(const QString &campaignId, const ListFile &file, ImportDone done);
    // Numbers for the do-not-call list from a file (the answer's `accepted` counts the new ones)
    // or already in E.164.
    void importDoNotCall(const ListFile &file, const QString &reason, ImportDone done);
    void removeDoNotCall(const QString &e164, ErrorDone done);

    void saveCompany(std::optional<qint64> id, const CompanyInput &input,
                     std::optional<qint64> expectedVersion, CompanyDone done);
    void deleteCompany(qint64 id, ErrorDone done);
    // "ok", or what the provider said, for the Test connection buttons.
    void testUltravox(const UltravoxCredentials &credentials, Done<QString> done);
    void testTwilio(const TwilioCredentials &credentials, Done<QString> done);

    void health(bool detailed, Done<HealthService::Report> done);
    void metrics(Done<QJsonObject> done);
    // How many calls at once the Ultravox account allows (its allowedConcurrentCalls) as the
    // campaign dispatcher last read it; -1 before it has.
    void accountCallLimit(Done<int> done);
    RequestMetrics &requestMetrics();

    // Team mode (a shared PostgreSQL database): the key that seals company secrets, and whether
    // changes from the other instances arrive live.
    struct TeamStatus
    {
        bool teamMode = false;
        TeamKeyService::State keyState = TeamKeyService::State::NotNeeded;
        QString keyProblem;
        bool live = true;
        QString databaseProblem;
    };
    void teamStatus(Done<TeamStatus> done);
    // The recovery phrase of a new team key (shown once), or the error.
    void setUpTeamKey(Done<std::variant<QString, AppError>> done);
    void enterTeamPhrase(const QString &phrase, ErrorDone done);
    void teamRecoveryPhrase(Done<std::variant<QString, AppError>> done);

    // The local API: where it listens, and changing that or its key while running.
    QString apiBaseUrl() const;
    bool apiListening() const;
    void relisten(const ApiServerOptions &options, Done<QString> done); // empty string: listening
    void setApiKey(const QString &key);
    void setProviderDefaults(const ProviderDefaults &defaults);
    ProviderDefaults providerDefaults() const;

Q_SIGNALS:
    void agentChanged(const Agent &agent);
    void agentRemoved(const QString &id);
    void callChanged(const CallRecord &call);
    void callRemoved(const QString &callId);
    void companyChanged(const Company &company);
    void campaignChanged(const Campaign &campaign);
    void campaignRemoved(const QString &id);
    // A campaign's recipients changed state: its counts are worth reading again.
    void campaignProgress(const QString &id);
    void doNotCallChanged();
    void companyRemoved(qint64 id);
    void eventRecorded(const EventRecord &event);
    void apiRequestFinished(const ApiCallRecord &call);
    void apiListeningChanged();
    void teamStatusChanged();

private:
    // Runs `job` on the core thread; what it throws becomes an AppError for `fail`.
    void onCore(std::function<void()> job, std::function<void(const AppError &)> fail);
    // Hands `value` to `done` on the GUI thread (where `done` checks that its receiver lives).
    // Through the application object, not the bridge: a provider's answer may come after the
    // bridge is gone (the window closed during a connection test), and an event posted to a
    // destroyed object is delivered to freed memory.
    template<typename T>
    static void answer(Done<T> done, const T &value)
    {
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [done = std::move(done), value] { done(value); },
            Qt::QueuedConnection);
    }
    void connectServer();

    ServerStack &m_stack;
    // Whether the bridge still exists, for the jobs it queued on the core thread: a job runs
    // only while it does, and the bridge is not destroyed while a job runs.
    struct Liveness
    {
        QReadWriteLock lock;
        bool alive = true;
    };
    std::shared_ptr<Liveness> m_liveness = std::make_shared<Liveness>();
};
