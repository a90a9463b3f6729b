// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServerStack.h"

#include "Core.h"
#include "ProviderFactory.h"
#include "Routes.h"
#include "Store.h"

#include <QDir>
#include <QTimer>

using namespace Qt::StringLiterals;

ServerStack::ServerStack(StackConfig config, SecretStore &secrets,
                         std::unique_ptr<ProviderFactory> providers, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_secrets(secrets)
    , m_providers(std::move(providers))
{
    m_keys.setKey(m_config.apiKey);
}

ServerStack::~ServerStack()
{
    // The server and the services go before the store they use.
    delete m_server;
    delete m_core;
    m_store.reset();
}

bool ServerStack::isSandbox() const
{
    return m_providers->isSandbox();
}

void ServerStack::open()
{
    m_store = std::make_unique<Store>(m_config.store);
    m_store->open();
    m_core = new Core(*m_store, *m_providers, m_config.defaults, m_secrets, m_metrics,
                      m_config.pacing, this);
    if (!m_config.dataDir.isEmpty())
        m_core->recordings().setFolder(QDir(m_config.dataDir).filePath(u"recordings"_s));
    registerAllRoutes(m_router, *m_core);
    m_core->start();
}

bool ServerStack::listen(QString *error)
{
    auto *server = new ApiServer(m_config.server, m_router, m_keys, m_metrics, this);
    if (!server->start(error)) {
        delete server;
        return false;
    }
    m_server = server;
    return true;
}

bool ServerStack::relisten(const ApiServerOptions &options, QString *error)
{
    if (m_server) {
        m_server->stopListening();
        m_server->flushConnections();
        delete m_server;
        m_server = nullptr;
    }
    m_config.server = options;
    return listen(error);
}

void ServerStack::shutdown(int graceMs, std::function<void()> done)
{
    if (!m_server) {
        done();
        return;
    }
    m_server->stopListening();
    auto finished = std::make_shared<bool>(false);
    auto finishOnce = [this, finished, done] {
        if (*finished)
            return;
        *finished = true;
        m_server->flushConnections();
        done();
    };
    if (m_server->pendingCount() == 0) {
        finishOnce();
        return;
    }
    connect(m_server, &ApiServer::drained, this, finishOnce);
    QTimer::singleShot(graceMs, this, finishOnce);
}
