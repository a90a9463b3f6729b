// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QLocalServer;

// One window per user and data folder: a second `switchboard` (for instance opened by a tel:
// link) hands its number to the running one and exits.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);

    // Tries to reach a running instance and give it `message` (a tel: number, or empty just to
    // bring it forward). True when one took it: this process should exit.
    bool handOver(const QString &message);
    // Becomes the instance others hand over to. False (with a warning) if that fails.
    bool listen();
    QString serverName() const { return m_name; }

Q_SIGNALS:
    // Another launch asked for the window; `number` is its tel: number, if any.
    void activationRequested(const QString &number);

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};
