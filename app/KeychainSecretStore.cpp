// SPDX-License-Identifier: GPL-3.0-or-later
#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QEventLoop>
#include <QLoggingCategory>
#include <QThread>
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

enum class Operation { Read, Write, Remove };

// Lives on the keychain thread and runs one job at a time to completion.
class KeychainWorker : public QObject
{
public:
    JobResult run(const QString &service, int timeoutMs, Operation operation, const QString &key,
                  const QString &value)
    {
        QKeychain::Job *job = nullptr;
        switch (operation) {
        case Operation::Read:
            job = new QKeychain::ReadPasswordJob(service);
            break;
        case Operation::Write: {
            auto *write = new QKeychain::WritePasswordJob(service);
            write->setTextData(value);
            job = write;
            break;
        }
        case Operation::Remove:
            job = new QKeychain::DeletePasswordJob(service);
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
        timeout.start(timeoutMs);
        job->start();
        loop.exec();
        if (result.timedOut) {
            result.error = QKeychain::OtherError;
            result.message = u"the keychain did not answer within %1 s"_s.arg(timeoutMs / 1000);
            job->deleteLater(); // it may still finish; it must not outlive the loop's connections
            QObject::disconnect(job, nullptr, &loop, nullptr);
            return result;
        }
        result.error = job->error();
        result.message = job->errorString();
        if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(job))
            result.value = read->textData();
        job->deleteLater(); // after QtKeychain's executor has seen it finish
        return result;
    }
};

namespace {
// The one keychain thread of the process, started on first use and stopped when the
// application object goes away.
struct KeychainThread
{
    QThread thread;
    KeychainWorker *worker = nullptr;
};

KeychainThread *keychainThread = nullptr;

void stopKeychainThread()
{
    if (!keychainThread)
        return;
    keychainThread->thread.quit();
    keychainThread->thread.wait();
    delete keychainThread;
    keychainThread = nullptr;
}

KeychainWorker *sharedWorker()
{
    static QMutex mutex;
    QMutexLocker locker(&mutex);
    if (!keychainThread) {
        keychainThread = new KeychainThread;
        keychainThread->thread.setObjectName(u"keychain"_s);
        keychainThread->worker = new KeychainWorker;
        keychainThread->worker->moveToThread(&keychainThread->thread);
        QObject::connect(&keychainThread->thread, &QThread::finished, keychainThread->worker,
                         &QObject::deleteLater);
        keychainThread->thread.start();
        qAddPostRoutine(stopKeychainThread);
    }
    return keychainThread->worker;
}
} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, int timeoutMs)
    : m_service(std::move(service))
    , m_timeoutMs(timeoutMs)
{
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
JobResult runOnWorker(const QString &service, int timeoutMs, Operation operation,
                      const QString &key, const QString &value)
{
    KeychainWorker *worker = sharedWorker();
    JobResult result;
    QMetaObject::invokeMethod(
        worker, [&] { result = worker->run(service, timeoutMs, operation, key, value); },
        Qt::BlockingQueuedConnection);
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
    const JobResult result = runOnWorker(m_service, m_timeoutMs, Operation::Read, key, {});
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
        const JobResult result = runOnWorker(m_service, m_timeoutMs, Operation::Write, key, value);
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
        const JobResult result = runOnWorker(m_service, m_timeoutMs, Operation::Remove, key, {});
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
