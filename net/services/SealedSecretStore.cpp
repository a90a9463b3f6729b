// SPDX-License-Identifier: GPL-3.0-or-later
#include "SealedSecretStore.h"

#include "AppError.h"
#include "TeamCrypto.h"
#include "TeamKeyService.h"
#include "TeamRepository.h"

using namespace Qt::StringLiterals;

SealedSecretStore::SealedSecretStore(Store &store, SecretStore &keychain, TeamKeyService &teamKey)
    : m_store(store)
    , m_keychain(keychain)
    , m_teamKey(teamKey)
{
}

bool SealedSecretStore::isShared(const QString &key)
{
    return key.startsWith(u"company/"_s);
}

std::optional<QString> SealedSecretStore::read(const QString &key)
{
    if (!isShared(key))
        return m_keychain.read(key);
    const std::optional<QString> sealed = TeamRepository(m_store).sealedSecret(key);
    if (!sealed)
        return std::nullopt;
    const std::optional<QString> plain = TeamCrypto::open(m_teamKey.key(), key, *sealed);
    if (!plain)
        throw AppError(ErrorKind::Unavailable,
                       u"The sealed secret %1 cannot be opened with this computer's team key (it "
                       u"was sealed under another key, or altered); store it again"_s.arg(key));
    return plain;
}

void SealedSecretStore::write(const QString &key, const QString &value)
{
    if (!isShared(key)) {
        m_keychain.write(key, value);
        return;
    }
    TeamRepository(m_store).putSealedSecret(key, TeamCrypto::seal(m_teamKey.key(), key, value));
}

void SealedSecretStore::remove(const QString &key)
{
    if (!isShared(key)) {
        m_keychain.remove(key);
        return;
    }
    TeamRepository(m_store).removeSealedSecret(key);
}

QString SealedSecretStore::status() const
{
    return m_keychain.status();
}
