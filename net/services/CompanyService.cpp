// SPDX-License-Identifier: GPL-3.0-or-later
#include "CompanyService.h"

#include "AgentService.h"
#include "AppError.h"
#include "CompanyRepository.h"
#include "EventLog.h"
#include "ReadCache.h"
#include "SecretStore.h"
#include "Store.h"
#include "Timestamps.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcCompanies, "switchboard.companies")

CompanyService::CompanyService(Store &store, SecretStore &secrets, EventLog &events,
                               QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_events(events)
{
}

std::optional<Company> CompanyService::find(qint64 id)
{
    return readOrCached(
        m_cache, [&] { return CompanyRepository(m_store).find(id); },
        [&] {
            std::optional<Company> cached = m_cache->company(id);
            if (!cached && !m_cache->holdsEveryCompany())
                throw; // forgotten for the memory bound, perhaps: only the database knows
            return cached;
        });
}

Company CompanyService::get(qint64 id)
{
    std::optional<Company> company = find(id);
    if (!company)
        throw AppError::notFound(u"Company"_s, QString::number(id));
    return *company;
}

QList<Company> CompanyService::list()
{
    return readOrCached(
        m_cache, [&] { return CompanyRepository(m_store).list(); },
        [&] {
            if (!m_cache->holdsEveryCompany())
                throw; // a partial list would look complete
            return m_cache->companies();
        });
}

QStringList CompanyService::writeSecrets(qint64 companyId, const CompanySecrets &secrets)
{
    if (secrets.twilioAuthToken)
        m_secrets.write(CompanySecretKeys::twilioAuthToken(companyId), *secrets.twilioAuthToken);
    if (secrets.ultravoxApiKey)
        m_secrets.write(CompanySecretKeys::ultravoxApiKey(companyId), *secrets.ultravoxApiKey);
    if ((secrets.twilioAuthToken || secrets.ultravoxApiKey) && !m_secrets.isPersistent())
        return {u"The keychain is unavailable (%1): this company's secrets are kept in memory "
                u"only, until Switchboard stops."_s.arg(m_secrets.status())};
    return {};
}

void CompanyService::forgetSecrets(qint64 companyId, bool twilio, bool ultravox)
{
    try {
        if (twilio)
            m_secrets.remove(CompanySecretKeys::twilioAuthToken(companyId));
        if (ultravox)
            m_secrets.remove(CompanySecretKeys::ultravoxApiKey(companyId));
    } catch (const AppError &error) {
        qCWarning(lcCompanies) << "could not remove the secrets of company" << companyId << ":"
                               << error.message();
    }
}

CompanyResult CompanyService::create(const CompanyInput &input)
{
    Company company = input.company;
    company.createdAt = company.updatedAt = Timestamps::nowMs();
    company.version = 1;
    CompanyRepository companies(m_store);
    company.id = companies.insert(company);
    CompanyResult result;
    try {
        result.warnings = writeSecrets(company.id, input.secrets);
    } catch (const AppError &) {
        companies.remove(company.id); // no profile without its secrets
        forgetSecrets(company.id, true, true);
        throw;
    }
    m_events.record(EventTypes::CompanyCreated, {}, {}, company.id, {{u"name"_s, company.name}});
    Q_EMIT companyChanged(company);
    result.company = company;
    return result;
}

CompanyResult CompanyService::update(qint64 id, const CompanyInput &input,
                                     std::optional<qint64> expectedVersion)
{
    CompanyRepository companies(m_store);
    const Company before = get(id);
    if (expectedVersion && *expectedVersion != before.version)
        throw staleWriteError(u"Company %1"_s.arg(id), before.toJson());
    Company company = input.company;
    company.id = id;
    company.createdAt = before.createdAt;
    company.version = before.version;
    company.updatedAt = Timestamps::nowMs();

    CompanyResult result;
    result.warnings = writeSecrets(id, input.secrets); // throws before anything changed
    if (!companies.update(company)) {
        const std::optional<Company> current = companies.find(id);
        if (!current)
            throw AppError::notFound(u"Company"_s, QString::number(id));
        throw staleWriteError(u"Company %1"_s.arg(id), current->toJson());
    }
    // A provider section removed from the profile takes its secret with it.
    forgetSecrets(id, before.twilio && !company.twilio, before.ultravox && !company.ultravox);
    m_events.record(EventTypes::CompanyUpdated, {}, {}, id, {{u"version"_s, company.version}});
    Q_EMIT companyChanged(company);
    result.company = company;
    return result;
}

void CompanyService::remove(qint64 id)
{
    get(id);
    CompanyRepository(m_store).remove(id);
    forgetSecrets(id, true, true);
    m_events.record(EventTypes::CompanyDeleted, {}, {}, id);
    Q_EMIT companyRemoved(id);
}
