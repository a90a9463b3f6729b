// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QObject>
#include <QStringList>

class SecretStore;
class Store;

// The team key: what seals the company secrets in a shared PostgreSQL database. It is made once,
// by whoever sets up the team database, and shown to them once as a recovery phrase; every other
// operator enters that phrase once, and from then on the key lives in their own keychain. The
// database keeps only a check value (a keyed hash), never the key.
//
// The window's team key dialog and the headless start-up both use this API:
//   state()            what is needed on this computer
//   setUp()            new team database: make the key, returns the phrase to show once
//   enterPhrase(p)     new operator: check the phrase against the database, keep the key
//   recoveryPhrase()   show the phrase again to an operator who has the key (to pass it on)
// On SQLite there is nothing to seal: the state is NotNeeded and company secrets stay in the
// keychain as before.
class TeamKeyService : public QObject
{
    Q_OBJECT
public:
    enum class State {
        NotNeeded,  // SQLite: secrets stay in the keychain
        NeedsSetup, // a team database nobody has set a key for yet
        NeedsKey,   // the team has a key; this computer's keychain does not hold it
        Ready,      // company secrets can be sealed and opened here
        Unknown,    // the database cannot be asked right now
    };
    Q_ENUM(State)

    TeamKeyService(Store &store, SecretStore &keychain, QObject *parent = nullptr);

    State state();
    // What to tell the operator about the state; empty when Ready or NotNeeded.
    QString problem();

    // Throws AppError: Conflict when the database has a key already (someone else set it up, a
    // moment ago perhaps: enter their phrase), Unavailable when the database cannot be written.
    QString setUp();
    // Throws AppError(Validation, field "team_key") for a mistyped phrase or one of another
    // team, Conflict when the team database has no key yet.
    void enterPhrase(const QString &phrase);
    // Throws AppError(Unavailable) unless Ready.
    QString recoveryPhrase();
    // The key, for sealing; throws AppError(Unavailable) saying what the operator should do.
    QByteArray key();

    // For the headless start: sets the team database up when nobody has (the returned lines
    // show the phrase once), or takes the phrase given in the environment. Throws AppError for
    // a wrong phrase, so a typo in SWITCHBOARD_TEAM_KEY stops the start instead of going
    // unnoticed.
    QStringList settleAtStartup(const QString &phraseFromEnvironment);

Q_SIGNALS:
    void stateChanged(TeamKeyService::State state);

private:
    QString check();
    QString keychainName(const QString &check) const;
    void keep(const QByteArray &key, const QString &check);

    Store &m_store;
    SecretStore &m_keychain;
    QString m_check; // the team's check value once read (it never changes)
    QByteArray m_key;
};
