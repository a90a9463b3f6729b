// SPDX-License-Identifier: GPL-3.0-or-later
#include "CoreBridge.h"

#include "Core.h"
#include "ProviderFactory.h"
#include "ServerStack.h"
#include "Store.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QThreadPool>

using namespace Qt::StringLiterals;

CoreBridge::CoreBridge(ServerStack &stack, QObject *parent)
    : QObject(parent)
    , m_stack(stack)
{
    Core &core = stack.core();
    // Sender on the core thread, receiver here: Qt queues each signal to the GUI thread.
    connect(&core.agents(), &AgentService::agentChanged, this, &CoreBridge::agentChanged);
    connect(&core.agents(), &AgentService::agentRemoved, this, &CoreBridge::agentRemoved);
    connect(&core.calls(), &CallService::callChanged, this, &CoreBridge::callChanged);
    connect(&core.calls(), &CallService::callRemoved, this, &CoreBridge::callRemoved);
    connect(&core.companies(), &CompanyService::companyChanged, this, &CoreBridge::companyChanged);
    connect(&core.companies(), &CompanyService::companyRemoved, this, &CoreBridge::companyRemoved);
    connect(&core.campaigns(), &CampaignService::campaignChanged, this,
            &CoreBridge::campaignChanged);
    connect(&core.campaigns(), &CampaignService::campaignRemoved, this,
            &CoreBridge::campaignRemoved);
    connect(&core.campaigns(), &CampaignService::progressChanged, this,
            &CoreBridge::campaignProgress);
    connect(&core.campaigns(), &CampaignService::doNotCallChanged, this,
            &CoreBridge::doNotCallChanged);
    connect(&core.events(), &EventLog::eventRecorded, this, &CoreBridge::eventRecorded);
    connect(&core.teamKey(), &TeamKeyService::stateChanged, this, &CoreBridge::teamStatusChanged);
    connect(&core.feed(), &ChangeFeed::liveChanged, this, &CoreBridge::teamStatusChanged);
    connectServer();
}

CoreBridge::~CoreBridge()
{
    {
        // Waits for a job of ours that the core thread is running; the ones still queued are
        // dropped.
        QWriteLocker locker(&m_liveness->lock);
        m_liveness->alive = false;
    }
    // Models read the store on worker threads (AgentTableModel::loadInBackground): those reads
    // end before the store can go.
    QThreadPool::globalInstance()->waitForDone();
    m_stack.store().closeThreadConnection();
}

void CoreBridge::connectServer()
{
    if (m_stack.isListening())
        connect(&m_stack.server(), &ApiServer::requestFinished, this,
                &CoreBridge::apiRequestFinished);
}

Store &CoreBridge::store()
{
    return m_stack.store();
}

bool CoreBridge::isSandbox() const
{
    return m_stack.isSandbox();
}

RequestMetrics &CoreBridge::requestMetrics()
{
    return m_stack.requestMetrics();
}

void CoreBridge::onCore(std::function<void()> job, std::function<void(const AppError &)> fail)
{
    QMetaObject::invokeMethod(
        &m_stack,
        [liveness = m_liveness, job = std::move(job), fail = std::move(fail)] {
            QReadLocker locker(&liveness->lock);
            if (!liveness->alive)
                return;
            try {
                job();
            } catch (const AppError &error) {
                fail(error);
            }
        },
        Qt::QueuedConnection);
}

void CoreBridge::createAgent(const AgentConfig &config, Done<AgentResult> done)
{
    onCore(
        [this, config, done] {
            m_stack.core().agents().create(
                config, [done](const AgentResult &result) { answer(done, result); },
                RevisionSources::Window);
        },
        [done](const AppError &error) {
            answer(done, AgentResult{{}, error});
        });
}

void CoreBridge::updateAgent(const QString &id, const AgentConfig &config,
                             std::optional<qint64> expectedVersion, Done<AgentResult> done)
{
    onCore(
        [this, id, config, expectedVersion, done] {
            m_stack.core().agents().update(
                id, config, expectedVersion,
                [done](const AgentResult &result) { answer(done, result); },
                RevisionSources::Window);
        },
        [done](const AppError &error) {
            answer(done, AgentResult{{}, error});
        });
}

void CoreBridge::restoreAgentRevision(const QString &id, qint64 number,
                                      std::optional<qint64> expectedVersion, Done<AgentResult> done)
{
    onCore(
        [this, id, number, expectedVersion, done] {
            m_stack.core().agents().restore(
                id, number, expectedVersion,
                [done](const AgentResult &result) { answer(done, result); });
        },
        [done](const AppError &error) {
            answer(done, AgentResult{{}, error});
        });
}

void CoreBridge::duplicateAgent(const QString &id, const QString &name, Done<AgentResult> done)
{
    onCore(
        [this, id, name, done] {
            m_stack.core().agents().duplicate(
                id, name, [done](const AgentResult &result) { answer(done, result); });
        },
        [done](const AppError &error) {
            answer(done, AgentResult{{}, error});
        });
}

void CoreBridge::importAgents(const QJsonObject &document,
                              Done<std::variant<QJsonObject, AppError>> done)
{
    using Answer = std::variant<QJsonObject, AppError>;
    onCore([this, document,
            done] { answer(done, Answer(m_stack.core().agents().importAgents(document))); },
           [done](const AppError &error) { answer(done, Answer(error)); });
}

void CoreBridge::retryAgent(const QString &id, Done<AgentResult> done)
{
    onCore(
        [this, id, done] {
            m_stack.core().agents().retrySync(
                id, [done](const AgentResult &result) { answer(done, result); });
        },
        [done](const AppError &error) {
            answer(done, AgentResult{{}, error});
        });
}

void CoreBridge::deleteAgent(const QString &id, ErrorDone done)
{
    onCore(
        [this, id, done] {
            m_stack.core().agents().remove(
                id, [done](const std::optional<AppError> &error) { answer(done, error); });
        },
        [done](const AppError &error) { answer(done, std::optional<AppError>(error)); });
}

void CoreBridge::listVoices(Done<Outcome<QList<Voice>>> done)
{
    onCore(
        [this, done] {
            m_stack.core().providers().defaultUltravox()->listVoices(
                {}, &m_stack,
                [done](const Outcome<QList<Voice>> &outcome) { answer(done, outcome); });
        },
        [done](const AppError &error) {
            ProviderError unavailable;
            unavailable.provider = u"ultravox"_s;
            unavailable.kind = error.kind();
            unavailable.message = error.message();
            answer(done, Outcome<QList<Voice>>(unavailable));
        });
}

void CoreBridge::placeCall(const CallRequest &request, Done<CallResult> done)
{
    onCore(
        [this, request, done] {
            m_stack.core().calls().placeAgentCall(
                request, [done](const CallResult &result) { answer(done, result); });
        },
        [done](const AppError &error) {
            answer(done, CallResult{{}, error});
        });
}

void CoreBridge::hangUp(const QString &callId, Done<CallResult> done)
{
    onCore(
        [this, callId, done] {
            m_stack.core().calls().hangUp(
                callId, [done](const CallResult &result) { answer(done, result); });
        },
        [done](const AppError &error) {
            answer(done, CallResult{{}, error});
        });
}

void CoreBridge::startTestCall(const QString &agentId, const AgentConfig &config,
                               const TestCallRequest &request, Done<CallResult> done)
{
    onCore(
        [this, agentId, config, request, done] {
            m_stack.core().testCalls().start(
                agentId, config, request,
                [done](const CallResult &result) { answer(done, result); });
        },
        [done](const AppError &error) {
            answer(done, CallResult{{}, error});
        });
}

void CoreBridge::finishTestCall(const QString &callId, const QList<TranscriptMessage> &transcript,
                                const QString &endReason, Done<CallResult> done)
{
    onCore(
        [this, callId, transcript, endReason, done] {
            answer(done,
                   CallResult{m_stack.core().calls().finishTestCall(callId, transcript, endReason),
                              std::nullopt});
        },
        [done](const AppError &error) {
            answer(done, CallResult{{}, error});
        });
}

void CoreBridge::removeTestCall(const QString &callId, ErrorDone done)
{
    onCore(
        [this, callId, done] {
            m_stack.core().calls().removeTestCall(callId);
            answer(done, std::optional<AppError>());
        },
        [done](const AppError &error) { answer(done, std::optional<AppError>(error)); });
}

void CoreBridge::createCampaign(const QJsonObject &json, CampaignDone done)
{
    using Answer = std::variant<Campaign, AppError>;
    onCore([this, json, done] { answer(done, Answer(m_stack.core().campaigns().create(json))); },
           [done](const AppError &error) { answer(done, Answer(error)); });
}

void CoreBridge::updateCampaign(const QString &id, const QJsonObject &json,
                                std::optional<qint64> expectedVersion, CampaignDone done)
{
    using Answer = std::variant<Campaign, AppError>;
    onCore(
        [this, id, json, expectedVersion, done] {
            answer(done, Answer(m_stack.core().campaigns().update(id, json, expectedVersion)));
        },
        [done](const AppError &error) { answer(done, Answer(error)); });
}

void CoreBridge::runCampaignAction(const QString &id, CampaignAction action, CampaignDone done)
{
    using Answer = std::variant<Campaign, AppError>;
    onCore(
        [this, id, action, done] {
            CampaignService &campaigns = m_stack.core().campaigns();
            Campaign changed;
            switch (action) {
            case CampaignAction::Start:
                changed = campaigns.start(id);
                break;
            case CampaignAction::Pause:
                changed = campaigns.pause(id);
                break;
            case CampaignAction::Resume:
                changed = campaigns.resume(id);
                break;
            case CampaignAction::Cancel:
                changed = campaigns.cancel(id);
                break;
            }
            QMetaObject::invokeMethod(&m_stack.core().dispatcher(), &CampaignDispatcher::tick,
                                      Qt::QueuedConnection);
            answer(done, Answer(changed));
        },
        [done](const AppError &error) { answer(done, Answer(error)); });
}

void CoreBridge::deleteCampaign(const QString &id, ErrorDone done)
{
    onCore(
        [this, id, done] {
            m_stack.core().campaigns().remove(id);
            answer(done, std::optional<AppError>());
        },
        [done](const AppError &error) { answer(done, std::optional<AppError>(error)); });
}

void CoreBridge::retryUnknownRecipients(const QString &id, Done<std::variant<int, AppError>> done)
{
    using Answer = std::variant<int, AppError>;
    onCore(
        [this, id, done] {
            const int count = m_stack.core().campaigns().retryUnknown(id);
            QMetaObject::invokeMethod(&m_stack.core().dispatcher(), &CampaignDispatcher::tick,
                                      Qt::QueuedConnection);
            answer(done, Answer(count));
        },
        [done](const AppError &error) { answer(done, Answer(error)); });
}

namespace {
RecipientImport::Result readList(const CoreBridge::ListFile &file)
{
    if (!file.json)
        return RecipientImport::fromCsv(file.data, file.phoneColumn, file.defaultRegion);
    QJsonParseError problem;
    const QJsonDocument document = QJsonDocument::fromJson(file.data, &problem);
    if (problem.error != QJsonParseError::NoError)
        throw AppError(ErrorKind::Validation,
                       u"The file is not JSON: %1 at character %2"_s.arg(problem.errorString())
                           .arg(problem.offset));
    return RecipientImport::fromJson(document.isArray() ? QJsonValue(document.array())
                                                        : QJsonValue(document.object()),
                                     file.defaultRegion);
}
} // namespace

void CoreBridge::importRecipients(const QString &campaignId, const ListFile &file, ImportDone done)
{
    using Answer = std::variant<CampaignService::ImportResult, AppError>;
    onCore(
        [this, campaignId, file, done] {
            CampaignService &campaigns = m_stack.core().campaigns();
            campaigns.get(campaignId); // an unknown campaign before the file is read
            answer(done, Answer(campaigns.addRecipients(campaignId, readList(file))));
        },
        [done](const AppError &error) { answer(done, Answer(error)); });
}

void CoreBridge::importDoNotCall(const ListFile &file, const QString &reason, ImportDone done)
{
    using Answer = std::variant<CampaignService::ImportResult, AppError>;
    onCore(
        [this, file, reason, done] {
            const RecipientImport::Result numbers = readList(file);
            QStringList e164;
            for (const RecipientImport::Accepted &number : numbers.accepted)
                e164 << number.phoneNumber;
            CampaignService::ImportResult result;
            result.accepted =
                e164.isEmpty() ? 0 : m_stack.core().campaigns().addDoNotCall(e164, reason);
            result.rejected = numbers.rejected;
            answer(done, Answer(result));
        },
        [done](const AppError &error) { answer(done, Answer(error)); });
}

void CoreBridge::removeDoNotCall(const QString &e164, ErrorDone done)
{
    onCore(
        [this, e164, done] {
            m_stack.core().campaigns().removeDoNotCall(e164);
            answer(done, std::optional<AppError>());
        },
        [done](const AppError &error) { answer(done, std::optional<AppError>(error)); });
}

void CoreBridge::saveCompany(std::optional<qint64> id, const CompanyInput &input,
                             std::optional<qint64> expectedVersion, CompanyDone done)
{
    using Answer = std::variant<CompanyResult, AppError>;
    onCore(
        [this, id, input, expectedVersion, done] {
            CompanyService &companies = m_stack.core().companies();
            const CompanyResult result =
                id ? companies.update(*id, input, expectedVersion) : companies.create(input);
            answer(done, Answer(result));
        },
        [done](const AppError &error) { answer(done, Answer(error)); });
}

void CoreBridge::recordingFile(const QString &callId, Done<std::variant<QString, AppError>> done)
{
    using Answer = std::variant<QString, AppError>;
    onCore(
        [this, callId, done] {
            // The recording may arrive after the bridge is gone: the answer uses the core only.
            Core &core = m_stack.core();
            CallRecordings &recordings = core.callRecordings();
            recordings.audio(callId, [&core, &recordings, callId, done](
                                         const Recording &, const std::optional<AppError> &error) {
                if (error)
                    answer(done, Answer(*error));
                else
                    answer(done, Answer(recordings.localPath(core.calls().get(callId).id)));
            });
        },
        [done](const AppError &error) { answer(done, Answer(error)); });
}

void CoreBridge::deleteRecording(const QString &callId, ErrorDone done)
{
    onCore(
        [this, callId, done] {
            m_stack.core().callRecordings().remove(callId);
            answer(done, std::optional<AppError>());
        },
        [done](const AppError &error) { answer(done, std::optional<AppError>(error)); });
}

void CoreBridge::deleteCompany(qint64 id, ErrorDone done)
{
    onCore(
        [this, id, done] {
            m_stack.core().companies().remove(id);
            answer(done, std::optional<AppError>());
        },
        [done](const AppError &error) { answer(done, std::optional<AppError>(error)); });
}

void CoreBridge::testUltravox(const UltravoxCredentials &credentials, Done<QString> done)
{
    onCore(
        [this, credentials, done] {
            m_stack.providerFactory()
                .ultravox(credentials)
                ->checkAccount(&m_stack, [done](const Outcome<UltravoxAccount> &outcome) {
                    answer(done, outcome.ok() ? u"ok"_s : outcome.error().summary());
                });
        },
        [done](const AppError &error) { answer(done, error.message()); });
}

void CoreBridge::testTwilio(const TwilioCredentials &credentials, Done<QString> done)
{
    onCore(
        [this, credentials, done] {
            m_stack.providerFactory()
                .twilio(credentials)
                ->checkAccount(&m_stack, [done](const Outcome<TwilioAccount> &outcome) {
                    answer(done, outcome.ok() ? u"ok"_s : outcome.error().summary());
                });
        },
        [done](const AppError &error) { answer(done, error.message()); });
}

void CoreBridge::health(bool detailed, Done<HealthService::Report> done)
{
    onCore(
        [this, detailed, done] {
            HealthService &health = m_stack.core().health();
            if (!detailed) {
                answer(done, health.basic());
                return;
            }
            health.detailed([done](const HealthService::Report &report) { answer(done, report); });
        },
        [done](const AppError &error) {
            answer(done, HealthService::Report{
                             {{u"status"_s, u"unhealthy"_s}, {u"error"_s, error.message()}}, 503});
        });
}

void CoreBridge::metrics(Done<QJsonObject> done)
{
    onCore([this, done] { answer(done, m_stack.core().metrics().snapshot()); },
           [done](const AppError &error) {
               answer(done, QJsonObject{{u"error"_s, error.message()}});
           });
}

void CoreBridge::accountCallLimit(Done<int> done)
{
    onCore([this, done] { answer(done, m_stack.core().dispatcher().accountConcurrencyLimit()); },
           [done](const AppError &) { answer(done, -1); });
}

void CoreBridge::teamStatus(Done<TeamStatus> done)
{
    onCore(
        [this, done] {
            Core &core = m_stack.core();
            TeamStatus status;
            status.teamMode = core.feed().isEnabled();
            status.keyState = core.teamKey().state();
            status.keyProblem = core.teamKey().problem();
            status.live = !status.teamMode || core.feed().isLive();
            status.databaseProblem = core.feed().problem();
            answer(done, status);
        },
        [done](const AppError &error) {
            TeamStatus status;
            status.teamMode = true;
            status.live = false;
            status.databaseProblem = error.message();
            answer(done, status);
        });
}

void CoreBridge::setUpTeamKey(Done<std::variant<QString, AppError>> done)
{
    using Answer = std::variant<QString, AppError>;
    onCore([this, done] { answer(done, Answer(m_stack.core().teamKey().setUp())); },
           [done](const AppError &error) { answer(done, Answer(error)); });
}

void CoreBridge::enterTeamPhrase(const QString &phrase, ErrorDone done)
{
    onCore(
        [this, phrase, done] {
            m_stack.core().teamKey().enterPhrase(phrase);
            answer(done, std::optional<AppError>());
        },
        [done](const AppError &error) { answer(done, std::optional<AppError>(error)); });
}

void CoreBridge::teamRecoveryPhrase(Done<std::variant<QString, AppError>> done)
{
    using Answer = std::variant<QString, AppError>;
    onCore([this, done] { answer(done, Answer(m_stack.core().teamKey().recoveryPhrase())); },
           [done](const AppError &error) { answer(done, Answer(error)); });
}

QString CoreBridge::apiBaseUrl() const
{
    return m_stack.isListening() ? m_stack.server().baseUrl() : QString();
}

bool CoreBridge::apiListening() const
{
    return m_stack.isListening();
}

void CoreBridge::relisten(const ApiServerOptions &options, Done<QString> done)
{
    onCore(
        [this, options, done] {
            QString error;
            m_stack.relisten(options, &error);
            QMetaObject::invokeMethod(
                this,
                [this, done, error] {
                    connectServer();
                    Q_EMIT apiListeningChanged();
                    done(error);
                },
                Qt::QueuedConnection);
        },
        [done](const AppError &error) { answer(done, error.message()); });
}

void CoreBridge::setApiKey(const QString &key)
{
    m_stack.keys().setKey(key); // thread-safe
}

void CoreBridge::setProviderDefaults(const ProviderDefaults &defaults)
{
    m_stack.core().providers().setDefaults(defaults); // thread-safe
}

ProviderDefaults CoreBridge::providerDefaults() const
{
    return m_stack.core().providers().defaults();
}
