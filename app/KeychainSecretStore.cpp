// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcKeychain, "switchboard.keychain")

namespace {
struct JobResult
{
    QKeychain::Error error = QKeychain::NoError;
    QString message;
    QString value;
    bool timedOut = false;
};
} // namespace

// Lives on the keychain thread and runs one job at a time to completion.
class KeychainWorker : public QObject
{
public:
    KeychainWorker(QString service, int timeoutMs)
        : m_service(std::move(service))
        , m_timeoutMs(timeoutMs)
    {
    }

    enum class Operation { Read, Write, Remove };

    JobResult run(Operation operation, const QString &key, const QString &value)
    {
        QKeychain::Job *job = nullptr;
        switch (operation) {
        case Operation::Read:
            job = new QKeychain::ReadPasswordJob(m_service);
            break;
        case Operation::Write: {
            auto *write = new QKeychain::WritePasswordJob(m_service);
            write->setTextData(value);
            job = write;
            break;
        }
        case Operation::Remove:
            job = new QKeychain::DeletePasswordJob(m_service);
            break;
        }
        job->setAutoDelete(false);
        job->setKey(key);
        QEventLoop loop;
        QTimer timeout;
        timeout.setSingleShot(true);
        JobResult result;
        QObject::connect(job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
        QObject::connect(&timeout, &QTimer::timeout, &loop, [&loop, &result] {
            result.timedOut = true;
            loop.quit();
        });
        timeout.start(m_timeoutMs);
        job->start();
        loop.exec();
        if (result.timedOut) {
            result.error = QKeychain::OtherError;
            result.message = u"the keychain did not answer within %1 s"_s.arg(m_timeoutMs / 1000);
            job->deleteLater(); // it may still finish; it must not outlive the loop's connections
            QObject::disconnect(job, nullptr, &loop, nullptr);
            return result;
        }
        result.error = job->error();
        result.message = job->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job))
            result.value = read->textData();
        delete job;
        return result;
    }

private:
    QString m_service;
    int m_timeoutMs;
};

KeychainSecretStore::KeychainSecretStore(QString service, int timeoutMs)
    : m_worker(new KeychainWorker(std::move(service), timeoutMs))
{
    m_thread.setObjectName(u"keychain"_s);
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

KeychainSecretStore::~KeychainSecretStore()
{
    m_thread.quit();
    m_thread.wait();
}

void KeychainSecretStore::markUnavailable(const QString &reason)
{
    QMutexLocker locker(&m_mutex);
    if (m_available)
        qCWarning(lcKeychain).noquote() << "the keychain is unavailable:" << reason
                                        << "- secrets are kept in memory until Switchboard stops";
    m_available = false;
    m_problem = reason;
}

namespace {
JobResult runOnWorker(KeychainWorker *worker, KeychainWorker::Operation operation,
                      const QString &key, const QString &value)
{
    JobResult result;
    QMetaObject::invokeMethod(
        worker, [&] { result = worker->run(operation, key, value); }, Qt::BlockingQueuedConnection);
    return result;
}

// A keychain that answers "no such entry" works; one that cannot be reached or refuses does not.
bool keychainFailed(const JobResult &result)
{
    return result.error != QKeychain::NoError && result.error != QKeychain::EntryNotFound;
}
} // namespace

std::optional<QString> KeychainSecretStore::read(const QString &key)
{
    {
        QMutexLocker locker(&m_mutex);
        if (const auto it = m_cache.constFind(key); it != m_cache.cend())
            return *it;
        if (!m_available)
            return std::nullopt;
    }
    const JobResult result = runOnWorker(m_worker, KeychainWorker::Operation::Read, key, {});
    if (keychainFailed(result)) {
        markUnavailable(result.message);
        return std::nullopt;
    }
    std::optional<QString> value;
    if (result.error == QKeychain::NoError)
        value = result.value;
    QMutexLocker locker(&m_mutex);
    m_cache.insert(key, value);
    return value;
}

void KeychainSecretStore::write(const QString &key, const QString &value)
{
    bool available;
    {
        QMutexLocker locker(&m_mutex);
        available = m_available;
    }
    if (available) {
        const JobResult result =
            runOnWorker(m_worker, KeychainWorker::Operation::Write, key, value);
        if (keychainFailed(result))
            markUnavailable(result.message);
    }
    QMutexLocker locker(&m_mutex);
    m_cache.insert(key, value);
}

void KeychainSecretStore::remove(const QString &key)
{
    bool available;
    {
        QMutexLocker locker(&m_mutex);
        available = m_available;
    }
    if (available) {
        const JobResult result = runOnWorker(m_worker, KeychainWorker::Operation::Remove, key, {});
        if (keychainFailed(result))
            markUnavailable(result.message);
    }
    QMutexLocker locker(&m_mutex);
    m_cache.insert(key, std::nullopt);
}

bool KeychainSecretStore::isPersistent() const
{
    QMutexLocker locker(&m_mutex);
    return m_available;
}

QString KeychainSecretStore::status() const
{
    QMutexLocker locker(&m_mutex);
    return m_available ? u"ok"_s : u"unavailable: "_s + m_problem;
}
