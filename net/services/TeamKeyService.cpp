// SPDX-License-Identifier: GPL-3.0-or-later
#include "TeamKeyService.h"

#include "AppError.h"
#include "SecretStore.h"
#include "Store.h"
#include "TeamCrypto.h"
#include "TeamRepository.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTeamKey, "switchboard.teamkey")

namespace {
const QString CheckSetting = u"team_key_check"_s;
const QString HowToEnter = u"enter the team's recovery phrase once on this computer (the "
                           u"window's Team key dialog, or SWITCHBOARD_TEAM_KEY for headless use)"_s;
} // namespace

TeamKeyService::TeamKeyService(Store &store, SecretStore &keychain, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_keychain(keychain)
{
}

QString TeamKeyService::keychainName(const QString &check) const
{
    // Named after the team's check value, so an operator in several teams keeps one key each.
    return u"team_key/"_s + check.left(16);
}

QString TeamKeyService::check()
{
    if (m_check.isEmpty())
        m_check = TeamRepository(m_store).setting(CheckSetting).value_or(QString());
    return m_check;
}

TeamKeyService::State TeamKeyService::state()
{
    if (!m_store.isPostgres())
        return State::NotNeeded;
    if (!m_key.isEmpty())
        return State::Ready;
    QString teamCheck;
    try {
        teamCheck = check();
    } catch (const AppError &) {
        return State::Unknown;
    }
    if (teamCheck.isEmpty())
        return State::NeedsSetup;
    const std::optional<QString> kept = m_keychain.read(keychainName(teamCheck));
    if (kept) {
        const QByteArray key = QByteArray::fromBase64(kept->toLatin1());
        if (TeamCrypto::keyCheck(key) == teamCheck) {
            m_key = key;
            return State::Ready;
        }
        qCWarning(lcTeamKey) << "the keychain's team key does not match this team database";
    }
    return State::NeedsKey;
}

QString TeamKeyService::problem()
{
    switch (state()) {
    case State::NotNeeded:
    case State::Ready:
        return {};
    case State::NeedsSetup:
        return u"the team database has no team key yet: set one up (the window's Team key dialog, "
               u"or start a headless instance once) before storing company secrets"_s;
    case State::NeedsKey:
        return u"company secrets are sealed with the team key, which this computer does not "
               u"have yet: "_s +
               HowToEnter;
    case State::Unknown:
        return u"the team key cannot be checked while the database is unreachable"_s;
    }
    return {};
}

void TeamKeyService::keep(const QByteArray &key, const QString &teamCheck)
{
    m_key = key;
    m_check = teamCheck;
    try {
        m_keychain.write(keychainName(teamCheck), QString::fromLatin1(key.toBase64()));
    } catch (const AppError &error) {
        // Still usable for this run; the operator is told by health's keychain check.
        qCWarning(lcTeamKey) << "could not keep the team key in the keychain:" << error.message();
    }
    Q_EMIT stateChanged(State::Ready);
}

QString TeamKeyService::setUp()
{
    if (!m_store.isPostgres())
        throw AppError(ErrorKind::Conflict,
                       u"A team key is only needed on a shared PostgreSQL database"_s);
    if (!TeamCrypto::available())
        throw AppError(ErrorKind::Unavailable, u"libsodium could not start (no entropy source)"_s);
    if (!check().isEmpty())
        throw AppError(ErrorKind::Conflict,
                       u"This team database has a team key already; "_s + HowToEnter);
    const QByteArray key = TeamCrypto::generateKey();
    const QString teamCheck = TeamCrypto::keyCheck(key);
    if (!TeamRepository(m_store).insertSettingIfAbsent(CheckSetting, teamCheck)) {
        m_check.clear();
        throw AppError(ErrorKind::Conflict,
                       u"Another operator set up the team key a moment ago; "_s + HowToEnter);
    }
    keep(key, teamCheck);
    qCInfo(lcTeamKey) << "set up the team key of" << m_store.location().displayName();
    return TeamCrypto::toPhrase(key);
}

void TeamKeyService::enterPhrase(const QString &phrase)
{
    QString reason;
    const std::optional<QByteArray> key = TeamCrypto::fromPhrase(phrase, &reason);
    if (!key)
        throw AppError::validation(u"team_key"_s, reason);
    const QString teamCheck = check();
    if (teamCheck.isEmpty())
        throw AppError(ErrorKind::Conflict,
                       u"This team database has no team key yet; set one up instead"_s);
    if (TeamCrypto::keyCheck(*key) != teamCheck)
        throw AppError::validation(
            u"team_key"_s, u"this recovery phrase belongs to another team database (%1 uses a "
                           u"different key)"_s.arg(m_store.location().displayName()));
    keep(*key, teamCheck);
}

QString TeamKeyService::recoveryPhrase()
{
    return TeamCrypto::toPhrase(key());
}

QByteArray TeamKeyService::key()
{
    if (state() == State::Ready)
        return m_key;
    throw AppError(ErrorKind::Unavailable, u"Company secrets cannot be used: "_s + problem(),
                   {{u"team_key"_s, u"missing"_s}});
}

QStringList TeamKeyService::settleAtStartup(const QString &phraseFromEnvironment)
{
    switch (state()) {
    case State::NeedsSetup: {
        QString phrase;
        try {
            phrase = setUp();
        } catch (const AppError &error) {
            if (error.kind() != ErrorKind::Conflict)
                throw;
            return settleAtStartup(phraseFromEnvironment); // another instance set it up first
        }
        QStringList lines{u"Team key: this is a new team database; its recovery phrase (shown "
                          u"only now, give it to every other operator):"_s,
                          u"  "_s + phrase};
        if (!m_keychain.isPersistent())
            lines << u"  The keychain is unavailable, so this computer keeps the key for this run "
                     u"only: start with SWITCHBOARD_TEAM_KEY set to the phrase next time."_s;
        return lines;
    }
    case State::NeedsKey:
        if (phraseFromEnvironment.isEmpty())
            return {u"Team key: not on this computer yet, so company secrets cannot be used; "_s +
                    HowToEnter + u'.'};
        enterPhrase(phraseFromEnvironment);
        return {u"Team key: taken from SWITCHBOARD_TEAM_KEY%1."_s.arg(
            m_keychain.isPersistent() ? u" and kept in the keychain"_s : QString())};
    case State::Ready:
        return {u"Team key: in the keychain; company secrets are sealed in the database."_s};
    case State::Unknown:
        return {u"Team key: cannot be checked now (the database is unreachable)."_s};
    case State::NotNeeded:
        break;
    }
    return {};
}
