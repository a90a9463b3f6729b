// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RateLimiter.h"

#include <QByteArray>
#include <QSettings>
#include <QString>

// The window's settings, kept in settings.ini in the data folder (never a secret: those live in
// the keychain). The command line wins over what is stored here.
class AppSettings
{
public:
    explicit AppSettings(const QString &dataDir);

    quint16 apiPort() const;
    void setApiPort(quint16 port);
    QString apiBindAddress() const;
    void setApiBindAddress(const QString &address);
    RateLimits rateLimits() const;
    void setRateLimits(const RateLimits &limits);

    // The shared PostgreSQL server, without its password (that is in the keychain); empty for
    // SQLite in the data folder.
    QString databaseUrl() const;
    void setDatabaseUrl(const QString &url);

    bool sandbox() const;
    void setSandbox(bool on);
    // Whether the operator chose between the sandbox and real accounts (the welcome page).
    bool firstRunDone() const;
    void setFirstRunDone(bool done);

    QString defaultRegion() const; // ISO 3166 code for numbers typed without a country code
    void setDefaultRegion(const QString &region);
    bool sandboxDemoSeeded() const;
    void setSandboxDemoSeeded(bool seeded);
    // "system", "light" or "dark" (Theme::Mode).
    QString theme() const;
    void setTheme(const QString &theme);
    bool closeToTray() const;
    void setCloseToTray(bool on);

    QByteArray windowGeometry() const;
    QByteArray windowState() const;
    void setWindowLayout(const QByteArray &geometry, const QByteArray &state);
    QByteArray splitterState(const QString &name) const;
    void setSplitterState(const QString &name, const QByteArray &state);
    // A table's columns: widths, order, which are hidden (QHeaderView::saveState).
    QByteArray headerState(const QString &table) const;
    void setHeaderState(const QString &table, const QByteArray &state);
    int lastPane() const;
    void setLastPane(int pane);
    // The agent and the company the panes showed last, opened again at the next start (empty,
    // 0: none).
    QString lastAgentId() const;
    void setLastAgentId(const QString &id);
    qint64 lastCompanyId() const;
    void setLastCompanyId(qint64 id);

    QString fileName() const { return m_settings.fileName(); }
    void sync() { m_settings.sync(); }

private:
    mutable QSettings m_settings;
};
