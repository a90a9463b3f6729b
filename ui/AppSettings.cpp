// SPDX-License-Identifier: GPL-3.0-or-later
#include "AppSettings.h"

#include <QDir>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace {
QString regionOfLocale()
{
    // "en_US" -> "US"; the system locale is the best guess for where numbers are typed.
    const QString name = QLocale::system().name();
    const QString region = name.section(u'_', 1, 1);
    return region.size() == 2 ? region : u"US"_s;
}
} // namespace

AppSettings::AppSettings(const QString &dataDir)
    : m_settings(QDir(dataDir).filePath(u"settings.ini"_s), QSettings::IniFormat)
{
}

quint16 AppSettings::apiPort() const
{
    const int port = m_settings.value(u"api/port"_s, 8000).toInt();
    return port > 0 && port < 65536 ? quint16(port) : quint16(8000);
}

void AppSettings::setApiPort(quint16 port)
{
    m_settings.setValue(u"api/port"_s, port);
}

QString AppSettings::apiBindAddress() const
{
    return m_settings.value(u"api/bind"_s, u"127.0.0.1"_s).toString();
}

void AppSettings::setApiBindAddress(const QString &address)
{
    m_settings.setValue(u"api/bind"_s, address);
}

RateLimits AppSettings::rateLimits() const
{
    RateLimits limits;
    limits.perMinute =
        std::max(1, m_settings.value(u"api/rateLimitPerMinute"_s, limits.perMinute).toInt());
    limits.perHour =
        std::max(1, m_settings.value(u"api/rateLimitPerHour"_s, limits.perHour).toInt());
    limits.burst = std::max(1, m_settings.value(u"api/rateLimitBurst"_s, limits.burst).toInt());
    return limits;
}

void AppSettings::setRateLimits(const RateLimits &limits)
{
    m_settings.setValue(u"api/rateLimitPerMinute"_s, limits.perMinute);
    m_settings.setValue(u"api/rateLimitPerHour"_s, limits.perHour);
    m_settings.setValue(u"api/rateLimitBurst"_s, limits.burst);
}

bool AppSettings::sandbox() const
{
    return m_settings.value(u"sandbox"_s, false).toBool();
}

void AppSettings::setSandbox(bool on)
{
    m_settings.setValue(u"sandbox"_s, on);
}

bool AppSettings::firstRunDone() const
{
    return m_settings.value(u"firstRunDone"_s, false).toBool();
}

void AppSettings::setFirstRunDone(bool done)
{
    m_settings.setValue(u"firstRunDone"_s, done);
}

QString AppSettings::defaultRegion() const
{
    return m_settings.value(u"phone/defaultRegion"_s, regionOfLocale()).toString();
}

void AppSettings::setDefaultRegion(const QString &region)
{
    m_settings.setValue(u"phone/defaultRegion"_s, region.toUpper());
}

bool AppSettings::sandboxDemoSeeded() const
{
    return m_settings.value(u"sandbox/demoSeeded"_s, false).toBool();
}

void AppSettings::setSandboxDemoSeeded(bool seeded)
{
    m_settings.setValue(u"sandbox/demoSeeded"_s, seeded);
}

QString AppSettings::theme() const
{
    return m_settings.value(u"window/theme"_s, u"system"_s).toString();
}

void AppSettings::setTheme(const QString &theme)
{
    m_settings.setValue(u"window/theme"_s, theme);
}

bool AppSettings::closeToTray() const
{
    return m_settings.value(u"window/closeToTray"_s, false).toBool();
}

void AppSettings::setCloseToTray(bool on)
{
    m_settings.setValue(u"window/closeToTray"_s, on);
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings.value(u"window/geometry"_s).toByteArray();
}

QByteArray AppSettings::windowState() const
{
    return m_settings.value(u"window/state"_s).toByteArray();
}

void AppSettings::setWindowLayout(const QByteArray &geometry, const QByteArray &state)
{
    m_settings.setValue(u"window/geometry"_s, geometry);
    m_settings.setValue(u"window/state"_s, state);
}

QByteArray AppSettings::splitterState(const QString &name) const
{
    return m_settings.value(u"window/splitter-"_s + name).toByteArray();
}

void AppSettings::setSplitterState(const QString &name, const QByteArray &state)
{
    m_settings.setValue(u"window/splitter-"_s + name, state);
}

QByteArray AppSettings::headerState(const QString &table) const
{
    return m_settings.value(u"columns/"_s + table).toByteArray();
}

void AppSettings::setHeaderState(const QString &table, const QByteArray &state)
{
    m_settings.setValue(u"columns/"_s + table, state);
}

int AppSettings::lastPane() const
{
    return m_settings.value(u"window/lastPane"_s, 0).toInt();
}

void AppSettings::setLastPane(int pane)
{
    m_settings.setValue(u"window/lastPane"_s, pane);
}

QString AppSettings::lastAgentId() const
{
    return m_settings.value(u"window/lastAgent"_s).toString();
}

void AppSettings::setLastAgentId(const QString &id)
{
    m_settings.setValue(u"window/lastAgent"_s, id);
}

qint64 AppSettings::lastCompanyId() const
{
    return m_settings.value(u"window/lastCompany"_s, 0).toLongLong();
}

void AppSettings::setLastCompanyId(qint64 id)
{
    m_settings.setValue(u"window/lastCompany"_s, id);
}

QString AppSettings::databaseUrl() const
{
    return m_settings.value(u"database/url"_s).toString();
}

void AppSettings::setDatabaseUrl(const QString &url)
{
    if (url.isEmpty())
        m_settings.remove(u"database/url"_s);
    else
        m_settings.setValue(u"database/url"_s, url);
}
