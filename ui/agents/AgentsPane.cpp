// SPDX-License-Identifier: GPL-3.0-or-later
#include "AgentsPane.h"

#include "AgentEditor.h"
#include "AgentExchange.h"
#include "AgentFilterProxy.h"
#include "AgentHistoryDialog.h"
#include "AgentRepository.h"
#include "AgentStatusDelegate.h"
#include "AgentTableModel.h"
#include "CoreBridge.h"
#include "EmptyState.h"
#include "Icons.h"
#include "ModelRoles.h"
#include "TableColumns.h"
#include "TestConsole.h"
#include "Validation.h"

#include <QDateTime>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

AgentsPane::AgentsPane(CoreBridge &core, QWidget *parent)
    : QWidget(parent)
    , m_core(core)
    , m_model(new AgentTableModel(this))
    , m_proxy(new AgentFilterProxy(this))
    , m_search(new QLineEdit(this))
    , m_table(new QTableView(this))
    , m_count(new QLabel(this))
    , m_editor(new AgentEditor(this))
{
    m_proxy->setSourceModel(m_model);
    m_search->setPlaceholderText(tr("Search agents (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Icons::get(u"search"_s), QLineEdit::LeadingPosition);
    m_search->setAccessibleName(tr("Search agents"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegateForColumn(AgentTableModel::Status, new StatusPillDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    // The model is already in name order; clicking a header sorts by that column.
    m_table->horizontalHeader()->setSortIndicatorShown(true);
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->horizontalHeader()->setSectionsClickable(true);
    connect(m_table->horizontalHeader(), &QHeaderView::sortIndicatorChanged, m_proxy,
            [this](int column, Qt::SortOrder order) { m_proxy->sort(column, order); });
    m_table->verticalHeader()->setVisible(false);
    // Fixed row heights: the view need not measure 100,000 rows after each keystroke.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    // When each agent last changed comes right after its status, so that it still shows beside
    // the form at 1280 pixels wide; the voice and language follow.
    const int updated = m_table->fontMetrics().horizontalAdvance(u"2026-12-31 23:59"_s) + 16;
    TableColumns::setUp(m_table, u"agents"_s,
                        {{AgentTableModel::Name, 150},
                         {AgentTableModel::Status, 80},
                         {AgentTableModel::Updated, updated},
                         {AgentTableModel::Voice, 110},
                         {AgentTableModel::Language, 60}},
                        {AgentTableModel::Name});
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setAlternatingRowColors(true);
    m_table->setAccessibleName(tr("Agents"));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_search);
    // An empty list says what to do next.
    auto *empty = new EmptyState(
        m_table, m_model,
        tr("No agents yet. An agent is the voice that talks on your calls: its prompt, voice and "
           "language. Make one, then call it with Call… or try it with Test…."),
        tr("New agent"), left);
    connect(empty, &EmptyState::actionRequested, this, &AgentsPane::newAgent);
    leftLayout->addWidget(empty, 1);
    auto *fileButtons = new QHBoxLayout;
    auto *importButton = new QPushButton(tr("&Import…"), left);
    importButton->setObjectName(u"agentsImport"_s);
    importButton->setToolTip(tr("Add the agents of an export file"));
    auto *exportButton = new QPushButton(tr("E&xport all…"), left);
    exportButton->setObjectName(u"agentsExport"_s);
    exportButton->setToolTip(tr("Write every agent to a file"));
    fileButtons->addWidget(m_count, 1);
    fileButtons->addWidget(importButton);
    fileButtons->addWidget(exportButton);
    leftLayout->addLayout(fileButtons);
    connect(importButton, &QPushButton::clicked, this, &AgentsPane::chooseImport);
    connect(exportButton, &QPushButton::clicked, this, [this] { chooseExport(true); });

    auto *splitter = new QSplitter(this);
    splitter->setObjectName(u"agentsSplitter"_s);
    splitter->addWidget(left);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({560, 640});
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(m_search, &QLineEdit::textChanged, m_proxy, &AgentFilterProxy::setSearchText);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this,
            [this] { m_count->setText(tr("%n agent(s)", nullptr, m_proxy->rowCount())); });
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this,
            [this] { m_count->setText(tr("%n agent(s)", nullptr, m_proxy->rowCount())); });
    connect(m_proxy, &QAbstractItemModel::modelReset, this,
            [this] { m_count->setText(tr("%n agent(s)", nullptr, m_proxy->rowCount())); });
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this,
            [this] { m_count->setText(tr("%n agent(s)", nullptr, m_proxy->rowCount())); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (m_selecting || !current.isValid())
                    return;
                const QString id = current.data(ModelRoles::IdRole).toString();
                if (id == m_shownId)
                    return;
                if (!m_editor->confirmLeave()) { // stay on the agent being edited
                    select(m_shownId);
                    return;
                }
                openSelected();
            });
    connect(m_table, &QTableView::customContextMenuRequested, this, &AgentsPane::showContextMenu);
    connect(m_table, &QTableView::doubleClicked, this, [this] { m_editor->setFocus(); });

    connect(m_editor, &AgentEditor::saveRequested, this, &AgentsPane::save);
    connect(m_editor, &AgentEditor::deleteRequested, this, &AgentsPane::removeCurrent);
    connect(m_editor, &AgentEditor::retryRequested, this, &AgentsPane::retryCurrent);
    connect(m_editor, &AgentEditor::historyRequested, this, &AgentsPane::showHistory);
    connect(m_editor, &AgentEditor::duplicateRequested, this, &AgentsPane::duplicateCurrent);
    connect(m_editor, &AgentEditor::callRequested, this,
            [this] { Q_EMIT callRequested(m_editor->agentId()); });
    connect(m_editor, &AgentEditor::testRequested, this, &AgentsPane::openTestConsole);

    connect(&m_core, &CoreBridge::agentChanged, this, [this](const Agent &agent) {
        m_model->upsert(agent);
        m_editor->agentChangedElsewhere(agent);
        if (m_history && m_history->isVisible() && m_history->property("agentId") == agent.id)
            m_history->reload();
    });
    connect(&m_core, &CoreBridge::agentRemoved, this, [this](const QString &id) {
        m_model->remove(id);
        m_editor->agentRemovedElsewhere(id);
    });
    connect(m_model, &AgentTableModel::loadFailed, this, [this](const QString &reason) {
        m_count->setText(tr("Could not read the agents"));
        Q_EMIT message(tr("Could not read the agents: %1").arg(reason), 0);
    });
    // Open on the agent shown last time (or the first one) rather than an empty form, once they
    // are there.
    connect(m_model, &AgentTableModel::loaded, this, [this] {
        if (!m_shownId.isEmpty() || !m_editor->isNew() || m_editor->isDirty() ||
            m_proxy->rowCount() == 0)
            return;
        const int reopenRow = m_model->rowOf(m_reopenId);
        const QModelIndex reopen =
            reopenRow < 0 ? QModelIndex() : m_proxy->mapFromSource(m_model->index(reopenRow, 0));
        const QModelIndex index = reopen.isValid() ? reopen : m_proxy->index(0, 0);
        m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
    });
    reload();
    loadVoices();
}

void AgentsPane::reload()
{
    m_count->setText(tr("Loading agents…"));
    m_model->loadInBackground(m_core.store());
}

void AgentsPane::loadVoices()
{
    m_core.listVoices(replyTo(this, [this](const Outcome<QList<Voice>> &voices) {
        if (voices.ok()) {
            m_editor->setVoices(voices.value());
            QHash<QString, QString> names;
            for (const Voice &voice : voices.value())
                names.insert(voice.voiceId, tr("%1 (%2)").arg(voice.name, voice.primaryLanguage));
            m_model->setVoiceNames(names);
        } else
            m_editor->setVoices({}, voices.error().summary());
    }));
}

QString AgentsPane::currentAgentId() const
{
    return m_table->currentIndex().data(ModelRoles::IdRole).toString();
}

bool AgentsPane::confirmLeave()
{
    return m_editor->confirmLeave();
}

void AgentsPane::reopen(const QString &agentId)
{
    m_reopenId = agentId;
}

void AgentsPane::select(const QString &id)
{
    const int sourceRow = m_model->rowOf(id);
    m_selecting = true;
    if (sourceRow < 0) {
        m_table->clearSelection();
    } else {
        const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
        m_table->setCurrentIndex(index);
        m_table->scrollTo(index);
    }
    m_selecting = false;
}

void AgentsPane::openSelected()
{
    const QString id = currentAgentId();
    try {
        const std::optional<Agent> agent = AgentRepository(m_core.store()).find(id);
        if (!agent)
            return;
        m_shownId = id;
        m_editor->edit(*agent);
        Q_EMIT agentShown(id);
    } catch (const AppError &error) {
        Q_EMIT message(tr("Could not read the agent: %1").arg(error.message()), 0);
    }
}

void AgentsPane::setDefaultRegion(const QString &region)
{
    m_editor->setDefaultRegion(region);
}

void AgentsPane::newAgent()
{
    if (!m_editor->confirmLeave())
        return;
    m_shownId.clear();
    m_selecting = true;
    m_table->clearSelection();
    m_selecting = false;
    m_editor->editNew();
    m_editor->setFocus();
}

void AgentsPane::save()
{
    if (!m_editor->isValid())
        return;
    const AgentConfig config = m_editor->config();
    const QString id = m_editor->agentId();
    m_editor->setBusy(true, id.isEmpty() ? tr("Creating the agent on Ultravox…") : tr("Saving…"));
    auto done = [this, id](const AgentResult &result) {
        if (!result.agent.id.isEmpty() && (id.isEmpty() || id == m_editor->agentId())) {
            m_shownId = result.agent.id;
            m_editor->edit(result.agent); // shows the error banner when Ultravox refused
            select(result.agent.id);
            Q_EMIT agentShown(result.agent.id);
        } else {
            m_editor->setBusy(false);
        }
        if (!result.error) {
            Q_EMIT message(tr("Saved %1").arg(result.agent.config.name));
            return;
        }
        if (result.error->kind() == ErrorKind::Conflict &&
            result.error->details().contains(u"current"_s)) {
            QMessageBox box(QMessageBox::Warning, tr("Changed by someone else"),
                            tr("This agent was changed by someone else since you opened it."),
                            QMessageBox::NoButton, this);
            QPushButton *reload = box.addButton(tr("Reload theirs"), QMessageBox::AcceptRole);
            QPushButton *overwrite =
                box.addButton(tr("Overwrite with mine"), QMessageBox::DestructiveRole);
            box.addButton(QMessageBox::Cancel);
            box.exec();
            if (box.clickedButton() == reload) {
                openSelected();
            } else if (box.clickedButton() == overwrite) {
                m_core.updateAgent(id, m_editor->config(), std::nullopt,
                                   replyTo(this, [this](const AgentResult &again) {
                                       if (!again.agent.id.isEmpty())
                                           m_editor->edit(again.agent);
                                       if (again.error)
                                           Q_EMIT message(again.error->message(), 0);
                                   }));
            }
            return;
        }
        m_editor->setBusy(false, result.error->message());
        Q_EMIT message(result.error->message(), 0);
    };
    if (id.isEmpty())
        m_core.createAgent(config, replyTo(this, done));
    else
        m_core.updateAgent(id, config, m_editor->loadedVersion(), replyTo(this, done));
}

void AgentsPane::removeCurrent()
{
    const QString id = m_editor->agentId();
    if (id.isEmpty())
        return;
    const QString name = m_editor->config().name;
    if (QMessageBox::question(
            this, tr("Delete agent"),
            tr("Delete the agent \"%1\"? It is deleted on Ultravox too. Its calls "
               "stay in the call log.")
                .arg(name),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    m_editor->setBusy(true, tr("Deleting…"));
    m_core.deleteAgent(id, replyTo(this, [this, name](const std::optional<AppError> &error) {
                           m_editor->setBusy(false, error ? error->message() : QString());
                           if (error)
                               Q_EMIT message(error->message(), 0);
                           else
                               Q_EMIT message(tr("Deleted %1").arg(name));
                       }));
}

void AgentsPane::retryCurrent()
{
    const QString id = m_editor->agentId();
    m_editor->setBusy(true, tr("Trying Ultravox again…"));
    m_core.retryAgent(id, replyTo(this, [this](const AgentResult &result) {
                          if (!result.agent.id.isEmpty())
                              m_editor->edit(result.agent);
                          else
                              m_editor->setBusy(false);
                          Q_EMIT message(result.error ? result.error->message()
                                                      : tr("Ultravox accepted the agent"),
                                         result.error ? 0 : 5000);
                      }));
}

void AgentsPane::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_table->indexAt(position);
    if (!index.isValid())
        return;
    const QString id = index.data(ModelRoles::IdRole).toString();
    const bool failed = index.data(ModelRoles::StatusRole).toString() == u"error"_s;
    QMenu menu(this);
    QAction *call = menu.addAction(Icons::get(u"call"_s), tr("Call…"));
    call->setEnabled(index.data(ModelRoles::StatusRole).toString() == u"active"_s);
    QAction *retry = failed ? menu.addAction(Icons::get(u"retry"_s), tr("Retry")) : nullptr;
    QAction *history = menu.addAction(tr("History…"));
    QAction *duplicate = menu.addAction(tr("Duplicate"));
    QAction *exportOne = menu.addAction(tr("Export…"));
    menu.addSeparator();
    QAction *remove = menu.addAction(Icons::get(u"delete"_s), tr("Delete…"));
    QAction *chosen = menu.exec(m_table->viewport()->mapToGlobal(position));
    if (!chosen)
        return;
    if (chosen == call) {
        Q_EMIT callRequested(id);
        return;
    }
    if (m_shownId != id) {
        if (!m_editor->confirmLeave())
            return;
        select(id);
        openSelected();
    }
    if (chosen == retry)
        retryCurrent();
    else if (chosen == history)
        showHistory();
    else if (chosen == duplicate)
        duplicateCurrent();
    else if (chosen == exportOne)
        chooseExport(false);
    else if (chosen == remove)
        removeCurrent();
}

void AgentsPane::showHistory()
{
    const QString id = m_editor->agentId();
    if (id.isEmpty())
        return;
    if (!m_history) {
        m_history = new AgentHistoryDialog(m_core, id, this);
        m_history->setVoiceNames(m_model->voiceNames());
        m_history->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_history, &QObject::destroyed, this, [this] { m_history = nullptr; });
        connect(m_history, &AgentHistoryDialog::restored, this, [this](const Agent &agent) {
            if (agent.id == m_editor->agentId())
                m_editor->edit(agent);
            Q_EMIT message(
                tr("Restored %1 as revision %2").arg(agent.config.name).arg(agent.revision));
        });
    } else if (m_history->property("agentId").toString() != id) {
        m_history->close();
        showHistory();
        return;
    }
    m_history->setProperty("agentId", id);
    m_history->show();
    m_history->raise();
}

void AgentsPane::duplicateCurrent()
{
    if (m_editor->isNew() || !m_editor->confirmLeave())
        return;
    // The copy opens unsaved, named "<name> copy" and ready to rename; Save creates it.
    AgentConfig config = m_editor->config();
    config.name = AgentExchange::duplicateName(config.name);
    m_shownId.clear();
    m_selecting = true;
    m_table->clearSelection();
    m_selecting = false;
    m_editor->editNewFrom(config);
    if (auto *name = m_editor->findChild<QLineEdit *>(u"agentName"_s)) {
        name->setFocus();
        name->selectAll();
    }
}

QString AgentsPane::exportTo(const QString &path, const QStringList &ids)
{
    QList<Agent> agents;
    try {
        AgentRepository repository(m_core.store());
        if (ids.isEmpty())
            agents = repository.list(-1, 0);
        for (const QString &id : ids) {
            if (const std::optional<Agent> agent = repository.find(id))
                agents.append(*agent);
        }
    } catch (const AppError &error) {
        return error.message();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    file.write(
        QJsonDocument(AgentExchange::exportDocument(agents, QDateTime::currentMSecsSinceEpoch()))
            .toJson(QJsonDocument::Indented));
    if (!file.commit())
        return file.errorString();
    Q_EMIT message(tr("Exported %n agent(s) to %1", nullptr, int(agents.size())).arg(path));
    return {};
}

void AgentsPane::chooseExport(bool all)
{
    const QString id = m_editor->agentId();
    if (!all && id.isEmpty())
        return;
    const QString suggested =
        all ? u"agents.json"_s
            : m_editor->config().name.simplified().replace(u' ', u'-') + u".json"_s;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export agents"), suggested,
                                                      tr("Agent files (*.json)"));
    if (path.isEmpty())
        return;
    const QString problem = exportTo(path, all ? QStringList() : QStringList{id});
    if (!problem.isEmpty())
        QMessageBox::warning(this, tr("Export agents"),
                             tr("Could not write %1: %2").arg(path, problem));
}

void AgentsPane::importFrom(const QString &path, std::function<void(const QString &)> done)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        done(tr("Nothing was imported: %1 could not be read (%2).").arg(path, file.errorString()));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        done(tr("Nothing was imported: %1 is not an agent export file (%2).")
                 .arg(path, parseError.error == QJsonParseError::NoError
                                ? tr("no JSON object")
                                : parseError.errorString()));
        return;
    }
    m_core.importAgents(
        document.object(), replyTo(this, [done](const std::variant<QJsonObject, AppError> &answer) {
            if (const auto *error = std::get_if<AppError>(&answer)) {
                done(tr("Nothing was imported: %1").arg(error->message()));
                return;
            }
            const QJsonObject report = std::get<QJsonObject>(answer);
            const QJsonArray imported = report.value(u"imported"_s).toArray();
            const QJsonArray skipped = report.value(u"skipped"_s).toArray();
            QStringList lines{tr("Imported %n agent(s).", nullptr, int(imported.size()))};
            for (const QJsonValue &entry : imported)
                lines << tr("  + %1").arg(entry[u"name"_s].toString());
            if (!skipped.isEmpty())
                lines << tr("Skipped %n agent(s):", nullptr, int(skipped.size()));
            for (const QJsonValue &entry : skipped)
                lines << tr("  - #%1 %2: %3")
                             .arg(entry[u"index"_s].toInt() + 1)
                             .arg(entry[u"name"_s].toString(), entry[u"reason"_s].toString());
            done(lines.join(u'\n'));
        }));
}

void AgentsPane::chooseImport()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Import agents"), {}, tr("Agent files (*.json)"));
    if (path.isEmpty())
        return;
    importFrom(path, [this](const QString &report) {
        QMessageBox box(QMessageBox::Information, tr("Import agents"), report, QMessageBox::Ok,
                        this);
        box.exec();
        Q_EMIT message(report.section(u'\n', 0, 0));
    });
}

TestConsole *AgentsPane::openTestConsole()
{
    if (!m_editor->isValid())
        return nullptr;
    // A window of its own, owned by the pane: it never outlives the services it talks to.
    m_testConsole = new TestConsole(m_core, m_editor->agentId(), m_editor->config(), nullptr, this);
    m_testConsole->show();
    return m_testConsole;
}
