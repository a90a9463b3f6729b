// SPDX-License-Identifier: GPL-3.0-or-later
#include "TeamInstance.h"

#include "Core.h"
#include "ServerStack.h"

#include <QMetaObject>

using namespace Qt::StringLiterals;

TeamInstance::TeamInstance(const QString &name, TestServerOptions options)
    : m_name(name)
    , m_options(std::move(options))
{
    m_thread.setObjectName(name);
}

TeamInstance::~TeamInstance()
{
    stop();
}

bool TeamInstance::start(QString *error)
{
    m_thread.start();
    m_anchor = new QObject;
    m_anchor->moveToThread(&m_thread);
    bool started = false;
    QString reason;
    QMetaObject::invokeMethod(
        m_anchor,
        [this, &started, &reason] {
            m_server = std::make_unique<TestServer>(m_options);
            started = m_server->start(&reason);
            if (started)
                listen(m_server->core());
            else
                m_server.reset();
        },
        Qt::BlockingQueuedConnection);
    if (!started && error)
        *error = reason;
    return started;
}

void TeamInstance::stop()
{
    if (!m_thread.isRunning())
        return;
    thaw();
    // Torn down on its own thread, where its connections and timers live.
    QMetaObject::invokeMethod(
        m_anchor,
        [this] {
            m_server.reset();
            delete m_anchor;
            m_anchor = nullptr;
        },
        Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void TeamInstance::call(const std::function<void(Core &)> &work)
{
    QMetaObject::invokeMethod(
        m_anchor, [this, &work] { work(m_server->core()); }, Qt::BlockingQueuedConnection);
}

void TeamInstance::freeze()
{
    if (m_isFrozen)
        return;
    m_isFrozen = true;
    QMetaObject::invokeMethod(
        m_anchor, [this] { m_frozen.acquire(); }, Qt::QueuedConnection);
}

void TeamInstance::thaw()
{
    if (!m_isFrozen)
        return;
    m_isFrozen = false;
    m_frozen.release();
}

void TeamInstance::record(const QString &kind, const QString &id, qint64 version)
{
    QMutexLocker locker(&m_mutex);
    m_heard.append({kind, id, version, Clock::now()});
}

void TeamInstance::listen(Core &core)
{
    // Direct connections: the moment is taken on the instance's thread, when it emits.
    QObject::connect(
        &core.agents(), &AgentService::agentChanged, m_anchor,
        [this](const Agent &agent) { record(u"agentChanged"_s, agent.id, agent.version); },
        Qt::DirectConnection);
    QObject::connect(
        &core.agents(), &AgentService::agentRemoved, m_anchor,
        [this](const QString &id) { record(u"agentRemoved"_s, id, 0); }, Qt::DirectConnection);
    QObject::connect(
        &core.calls(), &CallService::callChanged, m_anchor,
        [this](const CallRecord &call) { record(u"callChanged"_s, call.id, call.version); },
        Qt::DirectConnection);
    QObject::connect(
        &core.companies(), &CompanyService::companyChanged, m_anchor,
        [this](const Company &company) {
            record(u"companyChanged"_s, QString::number(company.id), company.version);
        },
        Qt::DirectConnection);
    QObject::connect(
        &core.companies(), &CompanyService::companyRemoved, m_anchor,
        [this](qint64 id) { record(u"companyRemoved"_s, QString::number(id), 0); },
        Qt::DirectConnection);
    QObject::connect(
        &core.events(), &EventLog::eventRecorded, m_anchor,
        [this](const EventRecord &event) {
            record(u"eventRecorded"_s, QString::number(event.id), 0);
        },
        Qt::DirectConnection);
}

QList<TeamInstance::Heard> TeamInstance::heard() const
{
    QMutexLocker locker(&m_mutex);
    return m_heard;
}

void TeamInstance::clearHeard()
{
    QMutexLocker locker(&m_mutex);
    m_heard.clear();
}

std::optional<TeamInstance::Clock::time_point>
TeamInstance::heardAt(const QString &kind, const QString &id, qint64 version) const
{
    QMutexLocker locker(&m_mutex);
    for (const Heard &heard : m_heard) {
        if (heard.kind == kind && heard.id == id && heard.version >= version)
            return heard.at;
    }
    return std::nullopt;
}

HttpResult TeamInstance::put(const QString &path, const QJsonObject &body,
                             const QByteArray &ifMatch)
{
    TestHttp::Headers headers;
    if (!ifMatch.isEmpty())
        headers.append({QByteArray("If-Match"), ifMatch});
    return m_server->request("PUT", path, QJsonDocument(body).toJson(QJsonDocument::Compact),
                             headers);
}
