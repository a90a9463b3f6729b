// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ApiKeyGuard.h"
#include "ApiServer.h"
#include "CallMonitor.h"
#include "ProviderHub.h"
#include "RequestMetrics.h"
#include "Router.h"
#include "StoreLocation.h"

#include <QObject>

#include <functional>
#include <memory>

class Core;
class ProviderFactory;
class SecretStore;
class Store;

struct StackConfig
{
    StoreLocation store;
    ApiServerOptions server;
    ProviderDefaults defaults;
    CallMonitor::Pacing pacing;
    QString apiKey;
    QString dataDir; // recordings go in its `recordings` folder; empty: beside the database
};

// Everything behind the REST API, in the order it is built and torn down: the store, the
// services (Core), the routes and the HTTP server. The headless mode runs it on the main thread;
// the window runs it on a thread of its own; tests build it in-process on a free port.
class ServerStack : public QObject
{
    Q_OBJECT
public:
    ServerStack(StackConfig config, SecretStore &secrets,
                std::unique_ptr<ProviderFactory> providers, QObject *parent = nullptr);
    ~ServerStack() override;

    // Opens the database and the services; throws AppError naming the problem.
    void open();
    // Listens; false with the reason in `error` (port taken, address not available).
    bool listen(QString *error);
    // Listens again with other options (the window's settings): the old listener closes first.
    bool relisten(const ApiServerOptions &options, QString *error);
    bool isListening() const { return m_server != nullptr; }
    const StackConfig &config() const { return m_config; }
    ProviderFactory &providerFactory() { return *m_providers; }
    // Stops accepting requests, lets those in flight finish (at most `graceMs`), then calls `done`.
    void shutdown(int graceMs, std::function<void()> done);

    Core &core() { return *m_core; }
    ApiServer &server() { return *m_server; } // only while isListening()
    ApiKeyGuard &keys() { return m_keys; }
    RequestMetrics &requestMetrics() { return m_metrics; }
    const Router &router() const { return m_router; }
    Store &store() { return *m_store; }
    bool isSandbox() const;

private:
    StackConfig m_config;
    SecretStore &m_secrets;
    std::unique_ptr<ProviderFactory> m_providers;
    std::unique_ptr<Store> m_store;
    RequestMetrics m_metrics;
    ApiKeyGuard m_keys;
    Router m_router;
    Core *m_core = nullptr;
    ApiServer *m_server = nullptr;
};
