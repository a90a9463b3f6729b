// SPDX-License-Identifier: GPL-3.0-or-later
#include "DatabaseSettings.h"

#include "Theme.h"

#include "AppSettings.h"
#include "FieldMessage.h"
#include "SecretStore.h"
#include "Store.h"

#include <QCoreApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QUrl>
#include <QVBoxLayout>

#include <atomic>

using namespace Qt::StringLiterals;

namespace {
QString urlWithoutPassword(const StoreLocation &server)
{
    QUrl url;
    url.setScheme(u"postgresql"_s);
    url.setUserName(server.user);
    url.setHost(server.host);
    url.setPort(server.port);
    url.setPath(u'/' + server.database);
    return url.toString(QUrl::FullyEncoded);
}

struct Probe
{
    bool connected = false;
    QString text;
};

// Runs on a pool thread: a connection attempt may take the whole connect_timeout.
Probe probe(const StoreLocation &server)
{
    static std::atomic_int counter{0};
    const QString name = u"switchboard-settings-probe-%1"_s.arg(++counter);
    Probe result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QPSQL"_s, name);
        if (!db.isValid()) {
            result.text = QObject::tr("The PostgreSQL driver is not installed (libqt6sql6-psql).");
        } else {
            server.applyServerTo(db);
            db.setConnectOptions(u"connect_timeout=5"_s);
            if (!db.open()) {
                result.text = QObject::tr("Cannot connect: %1")
                                  .arg(db.lastError().text().trimmed().replace(u'\n', u' '));
            } else {
                result.connected = true;
                QSqlQuery query(db);
                const QString version = query.exec(u"SHOW server_version"_s) && query.next()
                                            ? query.value(0).toString()
                                            : QString();
                int schema = 0;
                if (query.exec(u"SELECT to_regclass('schema_migrations') IS NOT NULL"_s) &&
                    query.next() && query.value(0).toBool() &&
                    query.exec(u"SELECT COALESCE(MAX(version), 0) FROM schema_migrations"_s) &&
                    query.next())
                    schema = query.value(0).toInt();
                result.text = QObject::tr("Connected: PostgreSQL %1. ").arg(version);
                if (schema == 0)
                    result.text += QObject::tr("The database holds no Switchboard data yet: it is "
                                               "set up when Switchboard switches to it.");
                else if (schema > Store::latestSchemaVersion())
                    result.text +=
                        QObject::tr("Its Switchboard data is newer (schema %1) than this "
                                    "Switchboard understands (%2): update Switchboard first.")
                            .arg(schema)
                            .arg(Store::latestSchemaVersion());
                else
                    result.text +=
                        QObject::tr("It holds a team's Switchboard data (schema %1).").arg(schema);
            }
        }
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}
} // namespace

DatabaseSettings::DatabaseSettings(AppSettings &settings, SecretStore &secrets,
                                   const QString &commandLineUrl, QWidget *parent)
    : QGroupBox(tr("Database"), parent)
    , m_settings(settings)
    , m_secrets(secrets)
    , m_locked(!commandLineUrl.isEmpty())
    , m_sqlite(new QRadioButton(tr("On this computer (SQLite in the data folder)"), this))
    , m_postgres(new QRadioButton(tr("On a shared PostgreSQL server (team mode): every operator "
                                     "on it sees the same agents, calls and companies"),
                                  this))
    , m_serverFields(new QWidget(this))
    , m_host(new QLineEdit(m_serverFields))
    , m_port(new QSpinBox(m_serverFields))
    , m_database(new QLineEdit(m_serverFields))
    , m_user(new QLineEdit(m_serverFields))
    , m_password(new QLineEdit(m_serverFields))
    , m_hostMessage(new FieldMessage(m_serverFields))
    , m_databaseMessage(new FieldMessage(m_serverFields))
    , m_userMessage(new FieldMessage(m_serverFields))
    , m_test(new QPushButton(tr("Test connection"), m_serverFields))
    , m_testResult(new QLabel(m_serverFields))
{
    setObjectName(u"databaseSettings"_s);
    m_host->setObjectName(u"databaseHost"_s);
    m_database->setObjectName(u"databaseName"_s);
    m_user->setObjectName(u"databaseUser"_s);
    m_password->setObjectName(u"databasePassword"_s);
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_port->setMaximumWidth(m_port->fontMetrics().horizontalAdvance(u"0000000000"_s) + 40);
    m_host->setPlaceholderText(u"db.example.com"_s);
    m_database->setPlaceholderText(u"switchboard"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("kept in the system keychain"));
    m_testResult->setObjectName(u"databaseTestResult"_s);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout(m_serverFields);
    form->setContentsMargins(24, 0, 0, 0);
    form->addRow(tr("Host"), m_host);
    form->addRow(QString(), m_hostMessage);
    form->addRow(tr("Port"), m_port);
    form->addRow(tr("Database"), m_database);
    form->addRow(QString(), m_databaseMessage);
    form->addRow(tr("User"), m_user);
    form->addRow(QString(), m_userMessage);
    form->addRow(tr("Password"), m_password);
    form->addRow(m_test, m_testResult);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_sqlite);
    layout->addWidget(m_postgres);
    layout->addWidget(m_serverFields);
    auto *note = new QLabel(this);
    note->setWordWrap(true);
    Theme::setTextRole(note, Theme::Role::Hint);
    layout->addWidget(note);

    const QString shown = m_locked ? commandLineUrl : m_settings.databaseUrl();
    StoreLocation current;
    QString ignored;
    if (!shown.isEmpty() && StoreLocation::parse(shown, &current, &ignored) &&
        current.engine == StoreLocation::Engine::Postgres) {
        m_postgres->setChecked(true);
        m_host->setText(current.host);
        m_port->setValue(current.port);
        m_database->setText(current.database);
        m_user->setText(current.user);
        m_password->setText(m_locked ? current.password
                                     : m_secrets.read(passwordKey(current)).value_or(QString()));
    } else {
        m_sqlite->setChecked(true);
    }
    if (m_locked) {
        note->setText(tr("Set by --database for this run: %1. Start Switchboard without it to "
                         "choose here.")
                          .arg(current.engine == StoreLocation::Engine::Postgres
                                   ? current.displayName()
                                   : shown));
        m_sqlite->setEnabled(false);
        m_postgres->setEnabled(false);
        for (QWidget *field :
             std::initializer_list<QWidget *>{m_host, m_port, m_database, m_user, m_password})
            field->setEnabled(false);
    } else {
        note->setText(tr("Nothing is copied from one database to the other."));
    }

    connect(m_postgres, &QRadioButton::toggled, this, &DatabaseSettings::validate);
    for (QLineEdit *field : {m_host, m_database, m_user})
        connect(field, &QLineEdit::textChanged, this, &DatabaseSettings::validate);
    connect(m_test, &QPushButton::clicked, this, &DatabaseSettings::testConnection);
    validate();
}

StoreLocation DatabaseSettings::location() const
{
    StoreLocation server;
    server.engine = StoreLocation::Engine::Postgres;
    server.host = m_host->text().trimmed();
    server.port = m_port->value();
    server.database = m_database->text().trimmed();
    server.user = m_user->text().trimmed();
    server.password = m_password->text();
    return server;
}

void DatabaseSettings::validate()
{
    const bool server = m_postgres->isChecked();
    m_serverFields->setVisible(server);
    const StoreLocation fields = location();
    const auto rule = [server](const QString &value, const QString &missing) {
        if (!server)
            return QString();
        if (value.isEmpty())
            return missing;
        if (value.contains(QRegularExpression(u"[\\s/@?#]"_s)))
            return tr("must not contain spaces or any of / @ ? #");
        return QString();
    };
    m_hostMessage->setProblem(rule(fields.host, tr("Enter the server's name or IP address.")));
    m_databaseMessage->setProblem(rule(fields.database, tr("Enter the database's name.")));
    m_userMessage->setProblem(rule(fields.user, tr("Enter the user to connect as.")));
    m_test->setEnabled(server && problem().isEmpty());
    Q_EMIT validityChanged();
}

QString DatabaseSettings::problem() const
{
    if (m_locked)
        return {};
    for (const FieldMessage *message : {m_hostMessage, m_databaseMessage, m_userMessage}) {
        if (message->hasProblem())
            return tr("Database: %1").arg(message->text());
    }
    return {};
}

void DatabaseSettings::testConnection()
{
    const int run = ++m_testRun;
    m_test->setEnabled(false);
    m_testResult->setStyleSheet(QString());
    m_testResult->setText(tr("Connecting…"));
    QPointer<DatabaseSettings> self(this);
    QThreadPool::globalInstance()->start([self, run, server = location()] {
        const Probe result = probe(server);
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, run, result] {
            if (!self || run != self->m_testRun)
                return;
            self->m_test->setEnabled(self->problem().isEmpty());
            Theme::setTextRole(self->m_testResult,
                               result.connected ? Theme::Role::Success : Theme::Role::Error);
            self->m_testResult->setText(result.text);
        });
    });
}

bool DatabaseSettings::save()
{
    if (m_locked)
        return false;
    const QString before = savedUrl(m_settings, m_secrets);
    if (m_sqlite->isChecked()) {
        m_settings.setDatabaseUrl({});
    } else {
        const StoreLocation server = location();
        m_settings.setDatabaseUrl(urlWithoutPassword(server));
        if (server.password.isEmpty())
            m_secrets.remove(passwordKey(server));
        else
            m_secrets.write(passwordKey(server), server.password);
    }
    return savedUrl(m_settings, m_secrets) != before;
}

QString DatabaseSettings::savedUrl(const AppSettings &settings, SecretStore &secrets)
{
    const QString saved = settings.databaseUrl();
    StoreLocation server;
    QString ignored;
    if (saved.isEmpty() || !StoreLocation::parse(saved, &server, &ignored) ||
        server.engine != StoreLocation::Engine::Postgres)
        return {};
    QUrl url(saved);
    if (const auto password = secrets.read(passwordKey(server)); password && !password->isEmpty())
        url.setPassword(*password);
    return url.toString(QUrl::FullyEncoded);
}

QString DatabaseSettings::passwordKey(const StoreLocation &server)
{
    // One password per server, user and database: switching back and forth keeps each.
    return u"database_password/"_s + server.displayName();
}
